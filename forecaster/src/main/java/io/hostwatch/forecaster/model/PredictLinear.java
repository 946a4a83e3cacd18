package io.hostwatch.forecaster.model;

/** Prometheus' {@code predict_linear(v[window], h)} at origin t, for baselines and tests. */
public final class PredictLinear {
  private PredictLinear() {}

  /** OLS over y[t-window+1..t], evaluated h steps after t. */
  public static double at(double[] y, int t, int window, int h) {
    double[] ab = LinearModel.ols(y, t, window);
    return ab[0] + ab[1] * h;
  }
}
