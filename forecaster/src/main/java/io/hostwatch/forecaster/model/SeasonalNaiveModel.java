package io.hostwatch.forecaster.model;

/**
 * Seasonal naive: tomorrow at this time is today at this time. A baseline with no parameters; with
 * less than one season of history it degrades to the last value.
 */
final class SeasonalNaiveModel implements Model, Fitted {
  private final int season;

  SeasonalNaiveModel(int season) {
    this.season = Math.max(1, season);
  }

  @Override
  public String name() {
    return "seasonal_naive";
  }

  @Override
  public String model() {
    return name();
  }

  @Override
  public int minPoints() {
    return 1;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    return this;
  }

  private double at(double[] y, int t, int h) {
    int back = season * ((h + season - 1) / season);
    int i = t + h - back;
    return i >= 0 ? y[i] : y[t];
  }

  @Override
  public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
    for (int t = first; t < n; t++) {
      for (int k = 0; k < hs.length; k++) {
        out[k][t] = at(y, t, hs[k]);
      }
    }
  }

  @Override
  public Path path(double[] y, int n) {
    return h -> at(y, n - 1, h);
  }
}
