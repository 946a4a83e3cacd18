package io.hostwatch.forecaster.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The whole fit for one series: clean, select a model, forecast each horizon with its band, the
 * time to the threshold and the anomaly flag. Pure and thread-safe; never throws on odd data.
 *
 * <pre>{@code
 * Forecast f = Forecaster.forecast(values, values.length, ForecastSpec.of(ModelKind.AUTO, 12));
 * double inOneHour = f.point()[0];
 * }</pre>
 */
public final class Forecaster {
  /** Fewer samples than this and no forecast is made. */
  public static final int MIN_POINTS = 6;

  private Forecaster() {}

  public static Forecast forecast(double[] raw, int len, ForecastSpec spec) {
    SeriesCleaner.Cleaned c = SeriesCleaner.clean(raw, len);
    Set<DataIssue> issues = EnumSet.noneOf(DataIssue.class);
    issues.addAll(c.issues());
    int[] hs = spec.horizons();
    if (c.n() == 0 || issues.contains(DataIssue.TOO_SPARSE)) {
      return Forecast.skip(issues, hs, c.n());
    }
    if (c.n() < MIN_POINTS) {
      issues.add(DataIssue.TOO_FEW_POINTS);
      return Forecast.skip(issues, hs, c.n());
    }
    double[] y = c.y();
    int n = c.n();
    int offset = c.trailingMissing();
    int[] wanted = new int[hs.length];
    for (int i = 0; i < hs.length; i++) {
      wanted[i] = hs[i] + offset;
    }
    ModelSelector.Selection s = ModelSelector.select(y, n, spec, wanted);
    if (s.fallback()) {
      issues.add(DataIssue.MODEL_FALLBACK);
    }
    Fitted.Path path = s.fitted().path(y, n);
    Residuals r = s.residuals();
    double[] point = new double[hs.length];
    double[] lower = new double[hs.length];
    double[] upper = new double[hs.length];
    for (int i = 0; i < hs.length; i++) {
      int k = indexOf(s.hs(), wanted[i]);
      point[i] = path.at(wanted[i]);
      lower[i] = point[i] + r.lower(k);
      upper[i] = point[i] + r.upper(k);
    }
    double[] ttt = {Double.NaN, Double.NaN, Double.NaN};
    if (spec.hasThreshold()) {
      ttt =
          ThresholdCrossing.find(
              beyond(path, s.hs()),
              r,
              y[n - 1],
              spec.threshold(),
              offset,
              spec.maxThresholdSteps());
    }
    AnomalyScorer.Latest a = AnomalyScorer.latest(raw, len, spec.anomalyRun());
    int k0 = indexOf(s.hs(), wanted[0]);
    double mae = r.mae(k0);
    String model = issues.contains(DataIssue.CONSTANT) ? "constant" : s.fitted().model();
    return new Forecast(
        model,
        issues,
        hs,
        point,
        lower,
        upper,
        ttt[1],
        ttt[0],
        ttt[2],
        a.score(),
        a.anomaly(),
        a.warmingUp(),
        mae,
        mae / naiveScale(y, n),
        n);
  }

  /**
   * The forecast path out to the longest evaluated horizon, then a straight line through the
   * forecasts at the two longest: no model was checked further out, and a seasonal model shifted by
   * its median error or Theta's half drift would otherwise decide when a disk fills.
   */
  static Fitted.Path beyond(Fitted.Path path, int[] hs) {
    int far = hs[hs.length - 1];
    int near = hs.length > 1 ? hs[hs.length - 2] : 0;
    double atFar = path.at(far);
    double slope = (atFar - path.at(near)) / (far - near);
    return h -> h <= far ? path.at(h) : atFar + slope * (h - far);
  }

  /** Mean absolute one-step change: MASE's scale. */
  static double naiveScale(double[] y, int n) {
    double sum = 0;
    for (int i = 1; i < n; i++) {
      sum += Math.abs(y[i] - y[i - 1]);
    }
    return n > 1 ? sum / (n - 1) : Double.NaN;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new IllegalStateException("horizon " + v + " not evaluated");
  }
}
