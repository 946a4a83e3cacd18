package io.hostwatch.forecaster.model;

/**
 * A model whose parameters are fixed; it can forecast from any origin of a series without looking
 * past that origin, which is what both the rolling-origin backtest and the live forecast need.
 */
public interface Fitted {
  /** The model's name as exported in {@code hostwatch_forecast_model_info{model}}. */
  String model();

  /**
   * Forecasts from every origin {@code t} in {@code [first, n)}: {@code out[k][t]} predicts {@code
   * y[t + hs[k]]} from {@code y[0..t]} only. A model may leave an origin at NaN when it is too
   * costly to evaluate everywhere (the caller skips NaN).
   */
  void rolling(double[] y, int n, int[] hs, int first, double[][] out);

  /** The forecast function from the last origin {@code n - 1}: {@code at(h)} predicts y[n-1+h]. */
  Path path(double[] y, int n);

  /** Forecasts ahead of one origin, for any number of steps. */
  interface Path {
    double at(int h);
  }
}
