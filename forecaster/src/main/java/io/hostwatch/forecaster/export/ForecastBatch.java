package io.hostwatch.forecaster.export;

import java.time.Duration;
import java.util.List;

/**
 * The forecasts of one configured forecast from its last successful run: what {@code /metrics}
 * serves until the next success replaces it, however long Prometheus is unreachable.
 *
 * @param horizons the configured horizons (the {@code horizon} label values)
 * @param step the series' step, to turn steps into seconds
 * @param completedAtMillis when the run finished (the forecasts' age is measured from it)
 */
public record ForecastBatch(
    String name,
    List<Duration> horizons,
    Duration step,
    boolean hasThreshold,
    List<SeriesForecast> series,
    long completedAtMillis) {}
