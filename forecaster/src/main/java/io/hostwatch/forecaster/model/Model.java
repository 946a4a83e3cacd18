package io.hostwatch.forecaster.model;

/** A forecasting method: estimates its parameters on a cleaned series (no NaN). */
public interface Model {
  /** The name used in configuration and metrics. */
  String name();

  /** The fewest points this model needs to be fitted. */
  int minPoints();

  /** Fits on {@code y[0..n)}; {@code n >= minPoints()}. Never throws on finite data. */
  Fitted fit(double[] y, int n);
}
