package io.hostwatch.forecaster.model;

/**
 * Holt's linear method with a damped trend (Gardner &amp; McKenzie), in error-correction form:
 * {@code l += φb + αe; b = φb + αβe}; forecasts {@code l + (φ + … + φ^h) b}. α, β, φ minimise the
 * one-step squared error on the last {@value #FIT_WINDOW} points.
 */
final class DampedHoltModel implements Model {
  static final int FIT_WINDOW = 576;
  private static final double[][] GRID = {{0.05, 0.3, 0.7, 1.0}, {0.0, 0.1}, {0.85, 0.98}};
  private static final double[] LO = {0.01, 0.0, 0.7};
  private static final double[] HI = {1.0, 1.0, 0.995};

  @Override
  public String name() {
    return "holt";
  }

  @Override
  public int minPoints() {
    return 4;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    int from = Math.max(0, n - FIT_WINDOW);
    double[] p =
        ParameterSearch.minimise(
            q -> run(y, from, n, q[0], q[1], q[2], null, 0, null, null), GRID, LO, HI);
    return new HoltFit(p[0], p[1], p[2]);
  }

  static double initialTrend(double[] y, int from, int n) {
    int k = Math.min(12, n - from - 1);
    return k <= 0 ? 0 : (y[from + k] - y[from]) / k;
  }

  /** Runs the recursion from {@code from}; returns the one-step SSE, fills {@code out} if given. */
  static double run(
      double[] y,
      int from,
      int n,
      double a,
      double b,
      double phi,
      int[] hs,
      int first,
      double[][] out,
      double[] state) {
    double l = y[from];
    double tr = initialTrend(y, from, n);
    double sse = 0;
    for (int t = from; t < n; t++) {
      if (t > from) {
        double e = y[t] - (l + phi * tr);
        sse += e * e;
        l += phi * tr + a * e;
        tr = phi * tr + a * b * e;
      }
      if (out != null && t >= first) {
        for (int k = 0; k < hs.length; k++) {
          out[k][t] = l + dampedSum(phi, hs[k]) * tr;
        }
      }
    }
    if (state != null) {
      state[0] = l;
      state[1] = tr;
    }
    return sse;
  }

  static double dampedSum(double phi, int h) {
    return phi >= 1 ? h : phi * (1 - Math.pow(phi, h)) / (1 - phi);
  }

  record HoltFit(double alpha, double beta, double phi) implements Fitted {
    @Override
    public String model() {
      return "holt";
    }

    @Override
    public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
      run(y, 0, n, alpha, beta, phi, hs, first, out, null);
    }

    @Override
    public Path path(double[] y, int n) {
      double[] s = new double[2];
      run(y, 0, n, alpha, beta, phi, null, n, null, s);
      return h -> s[0] + dampedSum(phi, h) * s[1];
    }
  }
}
