package io.hostwatch.forecaster.model;

/**
 * Seasonal median: the median of the same phase over up to {@value #SEASONS} past seasons. The
 * robust cousin of seasonal naive: one odd day does not become tomorrow's forecast.
 */
final class SeasonalMedianModel implements Model, Fitted {
  static final int SEASONS = 7;
  private final int season;

  SeasonalMedianModel(int season) {
    this.season = Math.max(1, season);
  }

  @Override
  public String name() {
    return "seasonal_median";
  }

  @Override
  public String model() {
    return name();
  }

  @Override
  public int minPoints() {
    return 3 * season;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    return this;
  }

  private double at(double[] y, int t, int h, double[] scratch) {
    int i = t + h - season * ((h + season - 1) / season);
    int m = 0;
    while (i >= 0 && m < SEASONS) {
      scratch[m++] = y[i];
      i -= season;
    }
    return m == 0 ? y[t] : Stats.median(scratch, m);
  }

  @Override
  public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
    double[] scratch = new double[SEASONS];
    for (int t = first; t < n; t++) {
      for (int k = 0; k < hs.length; k++) {
        out[k][t] = at(y, t, hs[k], scratch);
      }
    }
  }

  @Override
  public Path path(double[] y, int n) {
    double[] scratch = new double[SEASONS];
    return h -> at(y, n - 1, h, scratch);
  }
}
