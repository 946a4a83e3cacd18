package io.hostwatch.forecaster.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The median of several fits' forecasts. {@code auto} combines its best few candidates rather than
 * betting on one: the winner on the last days is often a model that suits an episode (a trend
 * during an incident) and fails the next day; the median of the best three keeps most of the gain
 * and drops the blow-ups (the M-competitions' lesson on combining).
 */
final class CombinedFit implements Fitted {
  private final List<Fitted> members;

  CombinedFit(List<Fitted> members) {
    this.members = List.copyOf(members);
  }

  @Override
  public String model() {
    // distinct: three median windows are one "median" to whoever reads model_info
    return members.stream().map(Fitted::model).distinct().collect(Collectors.joining("+"));
  }

  /** Combines members' rolling forecasts already computed (see {@link #median3}). */
  static void combine(List<double[][]> outs, int k, int first, int n, double[][] into) {
    if (outs.size() == 3) {
      for (int j = 0; j < k; j++) {
        double[] a = outs.get(0)[j];
        double[] b = outs.get(1)[j];
        double[] c = outs.get(2)[j];
        for (int t = first; t < n; t++) {
          into[j][t] = median3(a[t], b[t], c[t]);
        }
      }
      return;
    }
    double[] v = new double[outs.size()];
    for (int j = 0; j < k; j++) {
      for (int t = first; t < n; t++) {
        int m = 0;
        boolean missing = false;
        for (double[][] o : outs) {
          double x = o[j][t];
          missing |= Double.isNaN(x);
          v[m++] = x;
        }
        into[j][t] = missing ? Double.NaN : Stats.median(v, m);
      }
    }
  }

  /**
   * Median of three. Where a member skipped the origin (a thinned model) the other two are
   * averaged, so the combination's errors are measured at every origin and the band rests on
   * hundreds of errors rather than the thinned few.
   */
  static double median3(double a, double b, double c) {
    if (Double.isNaN(a)) {
      return Double.isNaN(b) ? c : Double.isNaN(c) ? b : (b + c) / 2;
    }
    if (Double.isNaN(b)) {
      return Double.isNaN(c) ? a : (a + c) / 2;
    }
    if (Double.isNaN(c)) {
      return (a + b) / 2;
    }
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  @Override
  public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
    List<double[][]> outs = new java.util.ArrayList<>();
    for (Fitted f : members) {
      double[][] o = new double[hs.length][n];
      f.rolling(y, n, hs, first, o);
      outs.add(o);
    }
    combine(outs, hs.length, first, n, out);
  }

  @Override
  public Path path(double[] y, int n) {
    List<Path> paths = members.stream().map(f -> f.path(y, n)).toList();
    double[] v = new double[paths.size()];
    return h -> {
      for (int i = 0; i < v.length; i++) {
        v[i] = paths.get(i).at(h);
      }
      return Stats.median(v, v.length);
    };
  }
}
