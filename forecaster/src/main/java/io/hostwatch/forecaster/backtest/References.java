package io.hostwatch.forecaster.backtest;

/**
 * Naive forecasts the model must beat to be worth its fit: the last value, and the value one season
 * before the target. Both read the cleaned series up to the origin only.
 */
final class References {
  private References() {}

  /** The value at the origin {@code t}: "nothing changes". */
  static double lastValue(double[] y, int t) {
    return y[t];
  }

  /**
   * The value a whole number of seasons before {@code t + h}, the latest one at or before the
   * origin {@code t}; the last value when the series does not reach one season back yet.
   */
  static double seasonalNaive(double[] y, int t, int h, int season) {
    if (season <= 0) {
      return y[t];
    }
    int seasonsBack = (h + season - 1) / season; // at least one, and enough to land at or before t
    int i = t + h - seasonsBack * season;
    return i >= 0 ? y[i] : y[t];
  }
}
