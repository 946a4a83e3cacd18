package io.hostwatch.forecaster.model;

/**
 * Theil–Sen robust trend (median of pairwise slopes) fitted on the points since the last upward
 * jump, so a log rotation or a cleanup that frees disk space restarts the trend instead of bending
 * it (issue 5). A jump is a first difference above {@value #JUMP_SIGMAS} robust standard deviations
 * of the differences. At most {@value #SAMPLE} evenly spaced points enter the fit, which keeps it
 * O(1) per origin; the median is robust to the thinning.
 */
final class TheilSenModel implements Model {
  static final double JUMP_SIGMAS = 8;
  static final int SAMPLE = 40;

  /** Rolling evaluation visits at most this many origins: the model is the costliest per origin. */
  static final int MAX_ROLLING_ORIGINS = 96;

  /** The newest origins are always evaluated: the anomaly flag reads them. */
  static final int TAIL = 8;

  @Override
  public String name() {
    return "theil_sen";
  }

  @Override
  public int minPoints() {
    return 3;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    double[] scratch = new double[n];
    double scale = Stats.diffScale(y, 0, n, scratch);
    return new TheilSenFit(JUMP_SIGMAS * scale);
  }

  /** A Theil–Sen fit whose jump threshold was estimated on the training history. */
  static final class TheilSenFit implements Fitted {
    private final double jump;
    private final double[] slopes = new double[SAMPLE * (SAMPLE - 1) / 2];
    private final double[] resid = new double[SAMPLE];
    private final int[] idx = new int[SAMPLE];

    TheilSenFit(double jump) {
      this.jump = jump;
    }

    @Override
    public String model() {
      return "theil_sen";
    }

    /** The last index i <= t where y[i] - y[i-1] is an upward jump, or 0. */
    int lastJump(double[] y, int t) {
      for (int i = t; i >= 1; i--) {
        if (y[i] - y[i - 1] > jump) {
          return i;
        }
      }
      return 0;
    }

    /** {intercept at t, slope per step} on y[from..t]. */
    double[] fitAt(double[] y, int from, int t) {
      int len = t - from + 1;
      int m = Math.min(SAMPLE, len);
      if (m == 1) {
        return new double[] {y[t], 0};
      }
      for (int j = 0; j < m; j++) {
        idx[j] = t - (int) ((long) (m - 1 - j) * (len - 1) / (m - 1));
      }
      int s = 0;
      for (int a = 0; a < m; a++) {
        for (int b = a + 1; b < m; b++) {
          slopes[s++] = (y[idx[b]] - y[idx[a]]) / (idx[b] - idx[a]);
        }
      }
      double slope = Stats.median(slopes, s);
      for (int j = 0; j < m; j++) {
        resid[j] = y[idx[j]] - slope * (idx[j] - t);
      }
      return new double[] {Stats.median(resid, m), slope};
    }

    @Override
    public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
      int stride = Math.max(1, (n - first) / MAX_ROLLING_ORIGINS);
      int jumpAt = lastJump(y, first);
      for (int t = first; t < n; t++) {
        if (t > first && t >= 1 && y[t] - y[t - 1] > jump) {
          jumpAt = t;
        }
        boolean visit = (n - 1 - t) % stride == 0 || t >= n - TAIL;
        for (int k = 0; k < hs.length; k++) {
          out[k][t] = Double.NaN;
        }
        if (!visit) {
          continue;
        }
        double[] ab = fitAt(y, jumpAt, t);
        for (int k = 0; k < hs.length; k++) {
          out[k][t] = ab[0] + ab[1] * hs[k];
        }
      }
    }

    @Override
    public Path path(double[] y, int n) {
      double[] ab = fitAt(y, lastJump(y, n - 1), n - 1);
      return h -> ab[0] + ab[1] * h;
    }
  }
}
