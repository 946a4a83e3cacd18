package io.hostwatch.forecaster.model;

/**
 * A fit whose forecasts are moved by the median of its own past errors at each horizon. The
 * smoothing models estimate a mean; server metrics are skewed (CPU spikes, bursts of disk writes),
 * and the value that minimises the absolute error is the conditional median, so the shift lowers
 * MAE wherever errors are skewed and does nothing where they are symmetric.
 */
final class MedianShiftedFit implements Fitted {
  static final int THIN = 4;

  private final Fitted inner;
  private final int[] hs;
  private final double[] shift;

  MedianShiftedFit(Fitted inner, int[] hs, double[] shift) {
    this.inner = inner;
    this.hs = hs;
    this.shift = shift;
  }

  /**
   * The shifts: median error of {@code out} at each horizon over origins >= first, every {@value
   * #THIN}th origin (a median of ~150 errors is as good as one of ~600, at a quarter of the cost).
   */
  static double[] medians(double[] y, int n, int[] hs, int first, double[][] out) {
    double[] shift = new double[hs.length];
    double[] e = new double[n];
    for (int k = 0; k < hs.length; k++) {
      int m = 0;
      for (int t = n - 1 - hs[k]; t >= first; t -= THIN) {
        if (!Double.isNaN(out[k][t])) {
          e[m++] = y[t + hs[k]] - out[k][t];
        }
      }
      shift[k] = m == 0 ? 0 : Stats.median(e, m);
    }
    return shift;
  }

  /** Shift at any horizon: the table's, interpolated, held beyond its ends. */
  double shiftAt(int h) {
    if (h <= hs[0]) {
      return shift[0];
    }
    for (int k = 1; k < hs.length; k++) {
      if (h <= hs[k]) {
        double w = (double) (h - hs[k - 1]) / (hs[k] - hs[k - 1]);
        return shift[k - 1] + w * (shift[k] - shift[k - 1]);
      }
    }
    return shift[hs.length - 1];
  }

  @Override
  public String model() {
    return inner.model();
  }

  @Override
  public void rolling(double[] y, int n, int[] at, int first, double[][] out) {
    inner.rolling(y, n, at, first, out);
    for (int k = 0; k < at.length; k++) {
      double s = shiftAt(at[k]);
      for (int t = first; t < n; t++) {
        out[k][t] += s;
      }
    }
  }

  @Override
  public Path path(double[] y, int n) {
    Path p = inner.path(y, n);
    return h -> p.at(h) + shiftAt(h);
  }
}
