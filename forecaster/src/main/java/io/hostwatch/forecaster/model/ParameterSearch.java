package io.hostwatch.forecaster.model;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Minimises a smoothing model's one-step error over a few bounded parameters: a coarse grid, then
 * one sweep of Brent's method along each coordinate within one grid cell of the best point. A full
 * simplex or BOBYQA per series would cost ten times the passes for no measurable gain on 5-minute
 * server data, and the service must keep up with hundreds of series a second.
 */
final class ParameterSearch {
  private static final int BRENT_EVALS = 10;

  private ParameterSearch() {}

  /** Returns the best parameters; {@code grid[d]} lists candidate values for dimension d. */
  static double[] minimise(
      ToDoubleFunction<double[]> f, double[][] grid, double[] lo, double[] hi) {
    int dims = grid.length;
    double[] p = new double[dims];
    double[] best = new double[dims];
    double bestValue = Double.POSITIVE_INFINITY;
    int[] at = new int[dims];
    while (true) {
      for (int d = 0; d < dims; d++) {
        p[d] = grid[d][at[d]];
      }
      double v = f.applyAsDouble(p);
      if (v < bestValue) {
        bestValue = v;
        System.arraycopy(p, 0, best, 0, dims);
      }
      int d = 0;
      while (d < dims && ++at[d] == grid[d].length) {
        at[d++] = 0;
      }
      if (d == dims) {
        break;
      }
    }
    for (int d = 0; d < dims; d++) {
      refine(f, best, d, cell(grid[d], best[d], lo[d], hi[d]));
    }
    return best;
  }

  private static double[] cell(double[] values, double x, double lo, double hi) {
    double below = lo;
    double above = hi;
    for (double v : values) {
      if (v < x) {
        below = Math.max(below, v);
      } else if (v > x) {
        above = Math.min(above, v);
      }
    }
    return new double[] {below, above};
  }

  private static void refine(ToDoubleFunction<double[]> f, double[] best, int d, double[] range) {
    if (!(range[1] > range[0])) {
      return;
    }
    double[] p = best.clone();
    double current = f.applyAsDouble(best);
    try {
      UnivariatePointValuePair r =
          new BrentOptimizer(1e-3, 1e-4)
              .optimize(
                  new MaxEval(BRENT_EVALS),
                  GoalType.MINIMIZE,
                  new SearchInterval(range[0], range[1], best[d]),
                  new UnivariateObjectiveFunction(
                      x -> {
                        p[d] = x;
                        return f.applyAsDouble(p);
                      }));
      if (r.getValue() < current) {
        best[d] = r.getPoint();
      }
    } catch (TooManyEvaluationsException e) {
      // keep the grid point: the refinement is an improvement, not a requirement
    }
  }
}
