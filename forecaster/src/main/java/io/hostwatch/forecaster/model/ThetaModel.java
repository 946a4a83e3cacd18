package io.hostwatch.forecaster.model;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The Theta method (Assimakopoulos &amp; Nikolopoulos), in Hyndman &amp; Billah's form: simple
 * exponential smoothing plus half the OLS slope of the history as drift, {@code ŷ(h) = l + b/2 (h -
 * 1 + 1/α - (1-α)^N/α)}. α minimises SES's one-step squared error (Brent, commons-math3). Not
 * deseasonalised: Holt–Winters covers seasonal series.
 */
final class ThetaModel implements Model {
  static final int FIT_WINDOW = 1008;
  private static final double MIN_ALPHA = 0.01;

  @Override
  public String name() {
    return "theta";
  }

  @Override
  public int minPoints() {
    return 3;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    int from = Math.max(0, n - FIT_WINDOW);
    double alpha =
        new BrentOptimizer(1e-3, 1e-4)
            .optimize(
                new MaxEval(40),
                GoalType.MINIMIZE,
                new SearchInterval(MIN_ALPHA, 1.0, 0.5),
                new UnivariateObjectiveFunction(a -> sesSse(y, from, n, a)))
            .getPoint();
    return new Fit(alpha);
  }

  static double sesSse(double[] y, int from, int n, double a) {
    double l = y[from];
    double sse = 0;
    for (int t = from + 1; t < n; t++) {
      double e = y[t] - l;
      sse += e * e;
      l += a * e;
    }
    return sse;
  }

  record Fit(double alpha) implements Fitted {
    @Override
    public String model() {
      return "theta";
    }

    @Override
    public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
      run(y, n, hs, first, out, null);
    }

    /** One pass: SES level and the running OLS slope of y on t over y[0..t]. */
    private void run(double[] y, int n, int[] hs, int first, double[][] out, double[] state) {
      double y0 = y[0]; // centring keeps the running sums exact for large values (bytes)
      double l = y[0];
      double sx = 0;
      double sy = 0;
      double sxy = 0;
      double sxx = 0;
      double decay = 1; // (1-α)^N
      double slope = 0;
      for (int t = 0; t < n; t++) {
        if (t > 0) {
          l += alpha * (y[t] - l);
        }
        double v = y[t] - y0;
        sx += t;
        sy += v;
        sxy += t * v;
        sxx += (double) t * t;
        decay *= 1 - alpha;
        int m = t + 1;
        double den = m * sxx - sx * sx;
        slope = den > 0 ? (m * sxy - sx * sy) / den : 0;
        if (out != null && t >= first) {
          double base = l + slope / 2 * (1 / alpha - decay / alpha - 1);
          for (int k = 0; k < hs.length; k++) {
            out[k][t] = base + slope / 2 * hs[k];
          }
        }
      }
      if (state != null) {
        state[0] = l + slope / 2 * (1 / alpha - decay / alpha - 1);
        state[1] = slope / 2;
      }
    }

    @Override
    public Path path(double[] y, int n) {
      double[] s = new double[2];
      run(y, n, null, n, null, s);
      return h -> s[0] + s[1] * h;
    }
  }
}
