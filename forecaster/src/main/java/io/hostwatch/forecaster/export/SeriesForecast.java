package io.hostwatch.forecaster.export;

import io.hostwatch.forecaster.model.Forecast;
import java.util.Map;

/** One series' labels (without {@code __name__}) and its forecast. */
public record SeriesForecast(Map<String, String> labels, Forecast forecast) {}
