package io.hostwatch.forecaster.model;

import java.util.Arrays;

/**
 * The rolling-origin forecast errors ({@code actual - forecast}) of one fitted model at each
 * evaluated horizon, sorted, from which the prediction band is read as empirical quantiles (issue
 * 5) and the anomaly score as a rank.
 */
public final class Residuals {
  /** Fewer errors than this at a horizon and its band is scaled from a shorter horizon. */
  static final int MIN_ERRORS = 20;

  private final int[] hs;
  private final double[][] sorted;
  private final double[][] sortedAbs;
  private final double[] lo;
  private final double[] hi;
  private final double[] mae;

  /**
   * Collects errors of {@code out} (as filled by {@link Fitted#rolling}) at origins >= first whose
   * target lies before {@code n - recent}: the newest samples are judged against the band (the
   * anomaly flag), so they must not widen it.
   */
  Residuals(double[] y, int n, int recent, int[] hs, int first, double[][] out, double level) {
    this.hs = hs;
    int k = hs.length;
    sorted = new double[k][];
    sortedAbs = new double[k][];
    lo = new double[k];
    hi = new double[k];
    mae = new double[k];
    double tail = (1 - level) / 2;
    for (int j = 0; j < k; j++) {
      int end = Math.max(first + hs[j] + 1, n - recent); // keep one error on very short series
      double[] e = new double[Math.max(0, Math.min(n, end) - hs[j] - first)];
      int m = 0;
      for (int t = first; t + hs[j] < end && t + hs[j] < n; t++) {
        double f = out[j][t];
        if (!Double.isNaN(f)) {
          e[m++] = y[t + hs[j]] - f;
        }
      }
      double[] s = Arrays.copyOf(e, m);
      Arrays.sort(s);
      double[] a = new double[m];
      double sum = 0;
      for (int i = 0; i < m; i++) {
        a[i] = Math.abs(s[i]);
        sum += a[i];
      }
      Arrays.sort(a);
      sorted[j] = s;
      sortedAbs[j] = a;
      mae[j] = m == 0 ? Double.NaN : sum / m;
      lo[j] = Stats.quantileSorted(s, m, tail);
      hi[j] = Stats.quantileSorted(s, m, 1 - tail);
    }
    fillShortHorizons();
  }

  /** Horizons with too few errors borrow the nearest shorter well-measured band, widened by √h. */
  private void fillShortHorizons() {
    int good = -1;
    for (int j = 0; j < hs.length; j++) {
      if (sorted[j].length >= MIN_ERRORS || good < 0 && sorted[j].length > 0) {
        good = j;
      } else if (good >= 0) {
        double f = Math.sqrt((double) hs[j] / hs[good]);
        lo[j] = lo[good] * f;
        hi[j] = hi[good] * f;
        if (Double.isNaN(mae[j])) {
          mae[j] = mae[good] * f;
        }
      }
    }
    for (int j = 0; j < hs.length; j++) {
      if (Double.isNaN(lo[j])) { // no errors anywhere: a zero-width band, stated by count()
        lo[j] = 0;
        hi[j] = 0;
      }
    }
  }

  /** Number of errors measured at horizon index j. */
  public int count(int j) {
    return sorted[j].length;
  }

  public double lower(int j) {
    return lo[j];
  }

  public double upper(int j) {
    return hi[j];
  }

  public double mae(int j) {
    return mae[j];
  }

  /** Share of measured absolute errors at horizon index j below |e|: 0 typical, 1 extreme. */
  public double score(int j, double e) {
    return Stats.rank(sortedAbs[j], sortedAbs[j].length, Math.abs(e));
  }

  /** Band offsets {lower, upper} at any horizon in steps: interpolated, then widened by √h. */
  public double[] bandAt(int h) {
    int last = hs.length - 1;
    if (h <= hs[0]) {
      return new double[] {lo[0], hi[0]};
    }
    if (h >= hs[last]) {
      double f = Math.sqrt((double) h / hs[last]);
      return new double[] {lo[last] * f, hi[last] * f};
    }
    int j = 0;
    while (hs[j + 1] < h) {
      j++;
    }
    double w = (double) (h - hs[j]) / (hs[j + 1] - hs[j]);
    return new double[] {lo[j] + w * (lo[j + 1] - lo[j]), hi[j] + w * (hi[j + 1] - hi[j])};
  }
}
