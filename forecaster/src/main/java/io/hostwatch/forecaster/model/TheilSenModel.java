package io.hostwatch.forecaster.model;

/**
 * Theil–Sen robust trend (median of pairwise slopes) fitted on the points since the last upward
 * jump, so a log rotation or a cleanup that frees disk space restarts the trend instead of bending
 * it. A jump is a first difference above {@value #JUMP_SIGMAS} robust standard deviations of the
 * differences after which the series stays up for {@value #CONFIRM} steps: a spike that falls back
 * is noise, not a new level. With fewer than {@value #MIN_SEGMENT} points since the jump the slope
 * is not trusted and the forecast is their median. At most {@value #SAMPLE} evenly spaced points
 * enter the fit, which keeps it O(1) per origin; the median is robust to the thinning.
 */
final class TheilSenModel implements Model {
  static final double JUMP_SIGMAS = 8;
  static final int SAMPLE = 24;
  static final int CONFIRM = 3;
  static final int MIN_SEGMENT = 12;

  /** Rolling evaluation visits at most this many origins: the model is the costliest per origin. */
  static final int MAX_ROLLING_ORIGINS = 64;

  /**
   * The newest origins are always evaluated: the newest errors are the ones a band must reflect.
   */
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
    double[] d = Stats.diffStats(y, 0, n, new double[n]);
    double tiny = 1e-9 * (Math.abs(y[n - 1]) + Math.abs(d[0]));
    return new TheilSenFit(d[0], Math.max(JUMP_SIGMAS * d[1], tiny));
  }

  /** A Theil–Sen fit whose jump threshold was estimated on the training history. */
  static final class TheilSenFit implements Fitted {
    private final double drift;
    private final double jump;
    private final double[] slopes = new double[SAMPLE * (SAMPLE - 1) / 2];
    private final double[] resid = new double[Math.max(SAMPLE, MIN_SEGMENT)];
    private final int[] idx = new int[SAMPLE];

    /** {@code drift}: the typical step, so a steady climb is not a series of jumps. */
    TheilSenFit(double drift, double jump) {
      this.drift = drift;
      this.jump = jump;
    }

    @Override
    public String model() {
      return "theil_sen";
    }

    /** The last index i <= t - CONFIRM + 1 where a confirmed upward jump starts, or 0. */
    int lastJump(double[] y, int t) {
      for (int i = t - CONFIRM + 1; i >= 1; i--) {
        if (isJump(y, i)) {
          return i;
        }
      }
      return 0;
    }

    /** y rises above its drift by more than the threshold at i and stays up for CONFIRM steps. */
    boolean isJump(double[] y, int i) {
      for (int j = i; j < i + CONFIRM; j++) {
        if (!(y[j] - y[i - 1] - drift * (j - i + 1) > jump)) {
          return false;
        }
      }
      return true;
    }

    /** {intercept at t, slope per step} on y[from..t]. */
    double[] fitAt(double[] y, int from, int t) {
      int len = t - from + 1;
      int m = Math.min(SAMPLE, len);
      if (len < MIN_SEGMENT) {
        System.arraycopy(y, from, resid, 0, len);
        return new double[] {Stats.median(resid, len), 0};
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
        int candidate = t - CONFIRM + 1;
        if (t > first && candidate >= 1 && isJump(y, candidate)) {
          jumpAt = candidate;
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
