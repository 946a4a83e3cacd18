package io.hostwatch.forecaster.model;

/**
 * Additive Holt–Winters with a (lightly) damped trend, error-correction form: {@code e = y - (l +
 * φb + s[t mod m]); l += φb + αe; b = φb + αβe; s[t mod m] += γe}. α, β, γ minimise the one-step
 * squared error on at most the last {@value #FIT_SEASONS} seasons. φ is fixed at {@value #PHI}: an
 * undamped trend extrapolated over a day of 5-minute steps runs away on server data.
 */
final class HoltWintersModel implements Model {
  static final int FIT_SEASONS = 3;
  static final double PHI = 0.98;
  private static final double[][] GRID = {{0.05, 0.2, 0.5, 0.9}, {0.0, 0.05}, {0.05, 0.2, 0.5}};
  private static final double[] LO = {0.01, 0.0, 0.0};
  private static final double[] HI = {1.0, 0.5, 1.0};

  private final int season;

  HoltWintersModel(int season) {
    this.season = Math.max(2, season);
  }

  @Override
  public String name() {
    return "holt_winters";
  }

  @Override
  public int minPoints() {
    return 2 * season + 2;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    int from = Math.max(0, n - FIT_SEASONS * season);
    double[] s = new double[season];
    double[] p =
        ParameterSearch.minimise(
            q -> run(y, from, n, season, q[0], q[1], q[2], s, null, 0, null, null), GRID, LO, HI);
    return new Fit(season, p[0], p[1], p[2]);
  }

  /**
   * Runs the recursion initialised on the first two seasons after {@code from}; returns the
   * one-step SSE. {@code seas} is scratch of length m and holds the final seasonal state.
   */
  static double run(
      double[] y,
      int from,
      int n,
      int m,
      double a,
      double b,
      double g,
      double[] seas,
      int[] hs,
      int first,
      double[][] out,
      double[] state) {
    double mean1 = 0;
    double mean2 = 0;
    for (int i = 0; i < m; i++) {
      mean1 += y[from + i];
      mean2 += y[from + m + i];
    }
    mean1 /= m;
    mean2 /= m;
    double tr = (mean2 - mean1) / m;
    for (int i = 0; i < m; i++) {
      seas[i] = y[from + i] - (mean1 + tr * (i - (m - 1) / 2.0));
    }
    double l = mean1 + tr * (m - 1) / 2.0;
    double sse = 0;
    int phase = 0; // (t - from) mod m
    if (out != null) {
      for (int t = first; t < Math.min(n, from + m); t++) {
        for (int k = 0; k < hs.length; k++) {
          out[k][t] = Double.NaN;
        }
      }
    }
    for (int t = from + m; t < n; t++) {
      double e = y[t] - (l + PHI * tr + seas[phase]);
      sse += e * e;
      l += PHI * tr + a * e;
      tr = PHI * tr + a * b * e;
      seas[phase] += g * e;
      phase = phase + 1 == m ? 0 : phase + 1;
      if (out != null && t >= first) {
        for (int k = 0; k < hs.length; k++) {
          int h = hs[k];
          out[k][t] = l + DampedHoltModel.dampedSum(PHI, h) * tr + seas[(phase + h - 1) % m];
        }
      }
    }
    if (state != null) {
      state[0] = l;
      state[1] = tr;
      state[2] = phase;
    }
    return sse;
  }

  record Fit(int season, double alpha, double beta, double gamma) implements Fitted {
    @Override
    public String model() {
      return "holt_winters";
    }

    @Override
    public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
      run(y, 0, n, season, alpha, beta, gamma, new double[season], hs, first, out, null);
    }

    @Override
    public Path path(double[] y, int n) {
      double[] seas = new double[season];
      double[] st = new double[3];
      run(y, 0, n, season, alpha, beta, gamma, seas, null, n, null, st);
      int phase = (int) st[2];
      return h ->
          st[0] + DampedHoltModel.dampedSum(PHI, h) * st[1] + seas[(phase + h - 1) % season];
    }
  }
}
