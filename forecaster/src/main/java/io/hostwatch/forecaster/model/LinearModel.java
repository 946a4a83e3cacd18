package io.hostwatch.forecaster.model;

/**
 * Ordinary least squares over a trailing window, extrapolated: exactly what Prometheus' {@code
 * predict_linear(v[window], h)} computes (intercept at the evaluation time), so it is the baseline
 * every user already has.
 */
final class LinearModel implements Model, Fitted {
  private final int window;

  /** {@code window} in steps, e.g. 72 for {@code [6h]} at a 5-minute step. */
  LinearModel(int window) {
    this.window = Math.max(2, window);
  }

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public String model() {
    return name();
  }

  @Override
  public int minPoints() {
    return 2;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    return this;
  }

  /** Intercept at t and slope per step, over y[t-window+1..t]; slope 0 with one point. */
  static double[] ols(double[] y, int t, int window) {
    int from = Math.max(0, t - window + 1);
    int m = t - from + 1;
    if (m < 2) {
      return new double[] {y[t], 0};
    }
    double mx = (m - 1) / 2.0; // x = i - from
    double my = 0;
    for (int i = from; i <= t; i++) {
      my += y[i];
    }
    my /= m;
    double sxy = 0;
    double sxx = 0;
    for (int i = from; i <= t; i++) {
      double dx = (i - from) - mx;
      sxy += dx * (y[i] - my);
      sxx += dx * dx;
    }
    double slope = sxy / sxx;
    double interceptAtT = my + slope * ((m - 1) - mx);
    return new double[] {interceptAtT, slope};
  }

  /**
   * Slides the window with running sums of y and i*y (O(1) per origin), re-summing exactly every
   * {@code window} origins so rounding cannot accumulate on byte-sized values.
   */
  @Override
  public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
    int t = first;
    while (t < n && t < window - 1) {
      double[] ab = ols(y, t, window);
      for (int k = 0; k < hs.length; k++) {
        out[k][t] = ab[0] + ab[1] * hs[k];
      }
      t++;
    }
    double m = window;
    double sx = (m - 1) * m / 2; // x = i - (t - window + 1), 0..window-1
    double sxx = (m - 1) * m * (2 * m - 1) / 6;
    double den = m * sxx - sx * sx;
    double sy = 0;
    double sxy = 0;
    int since = window; // forces an exact sum at the first origin
    for (; t < n; t++) {
      int from = t - window + 1;
      if (since++ >= window) {
        sy = 0;
        sxy = 0;
        for (int i = from; i <= t; i++) {
          sy += y[i];
          sxy += (i - from) * y[i];
        }
        since = 1;
      } else {
        double leaving = y[from - 1];
        sxy += -sy + leaving + (m - 1) * y[t]; // shift x by -1, drop the old point, add the new
        sy += y[t] - leaving;
      }
      double slope = (m * sxy - sx * sy) / den;
      double intercept = (sy - slope * sx) / m + slope * (m - 1);
      for (int k = 0; k < hs.length; k++) {
        out[k][t] = intercept + slope * hs[k];
      }
    }
  }

  @Override
  public Path path(double[] y, int n) {
    double[] ab = ols(y, n - 1, window);
    return h -> ab[0] + ab[1] * h;
  }
}
