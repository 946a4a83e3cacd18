package io.hostwatch.forecaster.model;

/**
 * What to forecast for one series, in steps of the series' sampling interval.
 *
 * @param model the model, or {@link ModelKind#AUTO}
 * @param season the seasonal period in steps (a day at the step, by default)
 * @param horizons forecast horizons in steps, each at least 1
 * @param level the central probability of the prediction interval, e.g. 0.95
 * @param threshold publish the time until the forecast crosses this value; NaN for none
 * @param linearWindow the {@code predict_linear} window in steps (6 h by default)
 * @param anomalyRun steps the anomaly flag stays up after a high score; the newest errors a band
 *     leaves out, so an ongoing anomaly does not widen its own band
 * @param maxThresholdSteps how far ahead the threshold crossing is searched
 */
public record ForecastSpec(
    ModelKind model,
    int season,
    int[] horizons,
    double level,
    double threshold,
    int linearWindow,
    int anomalyRun,
    int maxThresholdSteps) {
  public ForecastSpec {
    if (horizons.length == 0) {
      throw new IllegalArgumentException("at least one horizon");
    }
    for (int h : horizons) {
      if (h < 1) {
        throw new IllegalArgumentException("horizon below one step: " + h);
      }
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1): " + level);
    }
  }

  /** Defaults for a 5-minute step: daily season, 6 h predict_linear window, 3-step anomalies. */
  public static ForecastSpec of(ModelKind model, int... horizons) {
    return new ForecastSpec(model, 288, horizons, 0.95, Double.NaN, 72, 3, 8064);
  }

  public ForecastSpec withSeason(int steps) {
    return new ForecastSpec(
        model, steps, horizons, level, threshold, linearWindow, anomalyRun, maxThresholdSteps);
  }

  public ForecastSpec withThreshold(double value) {
    return new ForecastSpec(
        model, season, horizons, level, value, linearWindow, anomalyRun, maxThresholdSteps);
  }

  public ForecastSpec withLevel(double value) {
    return new ForecastSpec(
        model, season, horizons, value, threshold, linearWindow, anomalyRun, maxThresholdSteps);
  }

  public ForecastSpec withLinearWindow(int steps) {
    return new ForecastSpec(
        model, season, horizons, level, threshold, steps, anomalyRun, maxThresholdSteps);
  }

  public ForecastSpec withMaxThresholdSteps(int steps) {
    return new ForecastSpec(
        model, season, horizons, level, threshold, linearWindow, anomalyRun, steps);
  }

  public boolean hasThreshold() {
    return !Double.isNaN(threshold);
  }
}
