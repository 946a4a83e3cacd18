package io.hostwatch.forecaster.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the candidate models on a cleaned series and keeps the one with the lowest rolling-origin
 * error on the series' own recent history (issue 5's {@code auto}), together with its errors, from
 * which the band is read. Parameters are fitted once on the whole history; the origins walk through
 * its newer half.
 */
public final class ModelSelector {
  /** At most this many origins are evaluated: a few days at 5 minutes is plenty. */
  static final int MAX_ORIGINS = 1008;

  private ModelSelector() {}

  /**
   * The chosen model with its rolling forecasts and errors.
   *
   * @param hs evaluated horizons in steps, ascending, {@code hs[0] == 1}
   * @param out {@code out[k][t]}: forecast of y[t + hs[k]] made at origin t, for t >= first
   */
  public record Selection(
      Fitted fitted, int[] hs, int first, double[][] out, Residuals residuals, boolean fallback) {}

  /** The candidate models for a kind, for a series of n points. */
  static List<Model> candidates(ModelKind kind, ForecastSpec spec, int n) {
    List<Model> all = new ArrayList<>();
    Model linear = new LinearModel(spec.linearWindow());
    switch (kind) {
      case AUTO -> {
        all.add(linear);
        all.add(new SeasonalNaiveModel(spec.season()));
        all.add(new ThetaModel());
        all.add(new DampedHoltModel());
        all.add(new TheilSenModel());
        all.add(new HoltWintersModel(spec.season()));
      }
      case LINEAR -> all.add(linear);
      case SEASONAL_NAIVE -> all.add(new SeasonalNaiveModel(spec.season()));
      case THETA -> all.add(new ThetaModel());
      case HOLT -> all.add(new DampedHoltModel());
      case THEIL_SEN -> all.add(new TheilSenModel());
      case HOLT_WINTERS -> all.add(new HoltWintersModel(spec.season()));
    }
    all.removeIf(m -> m.minPoints() > n);
    return all;
  }

  /** Evaluated horizons: 1 (for the anomaly score) and each wanted horizon, ascending, unique. */
  static int[] evalHorizons(int[] wanted) {
    return java.util.stream.IntStream.concat(
            java.util.stream.IntStream.of(1), java.util.Arrays.stream(wanted))
        .distinct()
        .sorted()
        .toArray();
  }

  /** Selects among {@code spec.model()}'s candidates on y[0..n), scoring at {@code wanted}. */
  public static Selection select(double[] y, int n, ForecastSpec spec, int[] wanted) {
    int[] hs = evalHorizons(wanted);
    int first = Math.max(Math.max(1, n / 2), n - MAX_ORIGINS - hs[hs.length - 1]);
    first = Math.min(first, n - 1);
    List<Model> models = candidates(spec.model(), spec, n);
    boolean fallback = models.isEmpty();
    if (fallback) {
      models = List.of(new LinearModel(spec.linearWindow()));
    }
    double[][] best = new double[hs.length][n];
    double[][] cur = new double[hs.length][n];
    Fitted bestFit = null;
    double bestScore = Double.POSITIVE_INFINITY;
    double[] reference = null;
    for (Model m : models) {
      Fitted f = m.fit(y, n);
      f.rolling(y, n, hs, first, cur);
      double[] mae = mae(y, n, hs, first, cur);
      if (reference == null) {
        reference = mae;
      }
      double score = score(mae, reference, hs, wanted);
      if (bestFit == null || score < bestScore) {
        bestScore = score;
        bestFit = f;
        double[][] swap = best;
        best = cur;
        cur = swap;
      }
    }
    Residuals r = new Residuals(y, n, hs, first, best, spec.level());
    return new Selection(bestFit, hs, first, best, r, fallback);
  }

  static double[] mae(double[] y, int n, int[] hs, int first, double[][] out) {
    double[] mae = new double[hs.length];
    for (int k = 0; k < hs.length; k++) {
      double sum = 0;
      int m = 0;
      for (int t = first; t + hs[k] < n; t++) {
        double f = out[k][t];
        if (!Double.isNaN(f)) {
          sum += Math.abs(y[t + hs[k]] - f);
          m++;
        }
      }
      mae[k] = m == 0 ? Double.NaN : sum / m;
    }
    return mae;
  }

  /** Mean over the wanted horizons of the error relative to the first candidate's (linear). */
  private static double score(double[] mae, double[] ref, int[] hs, int[] wanted) {
    double sum = 0;
    int m = 0;
    for (int k = 0; k < hs.length; k++) {
      boolean isWanted = false;
      for (int w : wanted) {
        isWanted |= w == hs[k];
      }
      if (!isWanted || Double.isNaN(ref[k])) {
        continue;
      }
      if (Double.isNaN(mae[k])) {
        return Double.POSITIVE_INFINITY;
      }
      sum += ref[k] > 0 ? mae[k] / ref[k] : (mae[k] > 0 ? Double.POSITIVE_INFINITY : 1);
      m++;
    }
    return m == 0 ? 0 : sum / m;
  }
}
