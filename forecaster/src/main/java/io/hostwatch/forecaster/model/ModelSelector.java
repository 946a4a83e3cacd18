package io.hostwatch.forecaster.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits the candidate models on a cleaned series and keeps the one with the lowest rolling-origin
 * error on the series' own recent history (what {@code model: auto} means), together with its
 * errors, from which the band is read. Parameters are fitted once on the whole history; the origins
 * walk through its newer half.
 */
public final class ModelSelector {
  /** At most this many origins are evaluated: two days at 5 minutes is plenty. */
  static final int MAX_ORIGINS = 576;

  /** {@code auto} forecasts the median of this many best candidates. */
  static final int COMBINE = 3;

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
        all.add(new SeasonalMedianModel(spec.season()));
        for (int w : MedianModel.WINDOWS) {
          all.add(new MedianModel(w));
        }
      }
      case MEDIAN -> {
        for (int w : MedianModel.WINDOWS) {
          all.add(new MedianModel(w));
        }
      }
      case SEASONAL_MEDIAN -> all.add(new SeasonalMedianModel(spec.season()));
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

  /**
   * Evaluated horizons: 1 (the band a horizon with too few errors borrows from) and each wanted
   * horizon, ascending, unique.
   */
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
    List<Fitted> fits = new ArrayList<>();
    List<double[][]> outs = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    double[] reference = null;
    for (Model m : models) {
      Fitted raw = m.fit(y, n);
      double[][] cur = new double[hs.length][n];
      raw.rolling(y, n, hs, first, cur);
      double[] shift = MedianShiftedFit.medians(y, n, hs, first, cur);
      for (int k = 0; k < hs.length; k++) {
        for (int t = first; t < n; t++) {
          cur[k][t] += shift[k];
        }
      }
      double[] mae = mae(y, n, hs, first, cur);
      if (reference == null) {
        reference = mae;
      }
      fits.add(new MedianShiftedFit(raw, hs, shift));
      outs.add(cur);
      scores.add(score(mae, reference, hs, wanted));
    }
    Integer[] order = new Integer[fits.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores.get(a), scores.get(b)));
    int keep = Math.min(COMBINE, order.length);
    Fitted bestFit;
    double[][] best;
    if (keep == 1) {
      bestFit = fits.get(order[0]);
      best = outs.get(order[0]);
    } else {
      List<Fitted> top = new ArrayList<>();
      List<double[][]> topOuts = new ArrayList<>();
      for (int i = 0; i < keep; i++) {
        top.add(fits.get(order[i]));
        topOuts.add(outs.get(order[i]));
      }
      bestFit = new CombinedFit(top);
      best = new double[hs.length][n];
      CombinedFit.combine(topOuts, hs.length, first, n, best);
    }
    Residuals r = new Residuals(y, n, spec.anomalyRun(), hs, first, best, spec.level());
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
