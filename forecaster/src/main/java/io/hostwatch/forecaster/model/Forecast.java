package io.hostwatch.forecaster.model;

import java.util.Set;

/**
 * What the forecaster publishes for one series; times are in steps from the end of the raw series
 * ("now"), converted to seconds by the exporter.
 *
 * @param model the model used, or null when skipped
 * @param issues data problems found (repairs and the reason for a skip)
 * @param horizons the configured horizons, in steps
 * @param point the forecast at each horizon
 * @param lower the band's lower edge at each horizon
 * @param upper the band's upper edge at each horizon
 * @param toThreshold steps until the forecast crosses the threshold; +Inf never, NaN if none set
 * @param toThresholdLower the earliest crossing the band allows
 * @param toThresholdUpper the latest crossing the band allows (+Inf when it may never cross)
 * @param anomalyScore the last sample's {@link AnomalyScorer} score, in [0, 1]
 * @param anomaly one of the last {@code anomalyRun} samples scored at least {@link
 *     AnomalyScorer#THRESHOLD}
 * @param anomalyWarmingUp the series is too short for a score yet (the score is 0 meanwhile)
 * @param backtestMae rolling-origin MAE at the first horizon
 * @param backtestMase that MAE over the mean absolute one-step change of the series
 * @param points samples the fit used
 */
public record Forecast(
    String model,
    Set<DataIssue> issues,
    int[] horizons,
    double[] point,
    double[] lower,
    double[] upper,
    double toThreshold,
    double toThresholdLower,
    double toThresholdUpper,
    double anomalyScore,
    boolean anomaly,
    boolean anomalyWarmingUp,
    double backtestMae,
    double backtestMase,
    int points) {

  /** True when no forecast could be made; {@link #issues()} says why. */
  public boolean skipped() {
    return model == null;
  }

  static Forecast skip(Set<DataIssue> issues, int[] horizons, int points) {
    double nan = Double.NaN;
    return new Forecast(
        null, issues, horizons, null, null, null, nan, nan, nan, nan, false, true, nan, nan,
        points);
  }
}
