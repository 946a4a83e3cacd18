package io.hostwatch.forecaster.backtest;

import io.hostwatch.forecaster.model.ForecastSpec;
import io.hostwatch.forecaster.model.ModelSelector;
import io.hostwatch.forecaster.model.PredictLinear;
import io.hostwatch.forecaster.model.Residuals;
import io.hostwatch.forecaster.model.SeriesCleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks a rolling origin through one series after a warm-up, as the live forecaster would have run:
 * at every refit the model is selected and fitted on the lookback window ending at the origin only,
 * then forecasts from each origin until the next refit without seeing past it. The baseline at each
 * origin is {@code predict_linear} over its window; the last value and the seasonal-naive value
 * (one season before the target) are the two references any model should beat.
 */
public final class BacktestRunner {
  private BacktestRunner() {}

  /**
   * How to walk, in steps of the series.
   *
   * @param horizon forecast horizon
   * @param lookback history each fit sees (and the warm-up, capped at half the series)
   * @param refit origins between two fits (the live forecaster refits every interval)
   * @param baselineWindow predict_linear's range
   */
  public record Settings(
      ForecastSpec spec, int horizon, int lookback, int refit, int baselineWindow) {}

  /** One forecast: times in epoch seconds. */
  public record Row(
      long origin,
      long target,
      double forecast,
      double lower,
      double upper,
      double actual,
      double anomalyScore,
      double baseline,
      double lastValue,
      double seasonalNaive) {}

  /** All rows of one file, the models used (refits per model) and the MASE scale. */
  public record Result(String file, List<Row> rows, Map<String, Integer> models, double scale) {}

  public static Result run(SeriesCsv.Grid g, Settings s) {
    double[] raw = g.values();
    int lead = 0;
    while (lead < raw.length && !Double.isFinite(raw[lead])) {
      lead++;
    }
    SeriesCleaner.Cleaned c = SeriesCleaner.clean(raw, raw.length);
    double[] y = c.y();
    int n = c.n();
    int h = s.horizon();
    int warm = Math.max(2, Math.min(s.lookback(), n / 2));
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> models = new TreeMap<>();
    int[] hs = {h};
    for (int r = warm - 1; r + h < n; r += s.refit()) {
      int start = Math.max(0, r + 1 - s.lookback());
      double[] hist = Arrays.copyOfRange(y, start, r + 1);
      ModelSelector.Selection sel = ModelSelector.select(hist, hist.length, s.spec(), hs);
      models.merge(sel.fitted().model(), 1, Integer::sum);
      int end = Math.min(r + s.refit(), n - h);
      double[] slice = Arrays.copyOfRange(y, start, end);
      double[][] out = new double[1][slice.length];
      sel.fitted().rolling(slice, slice.length, hs, r - start, out);
      Residuals res = sel.residuals();
      int k = Arrays.binarySearch(sel.hs(), h);
      for (int t = r; t < end; t++) {
        double f = out[0][t - start];
        double actual = raw[lead + t + h];
        if (Double.isNaN(f) || !Double.isFinite(actual)) {
          continue; // a gap in the data: nothing to score against
        }
        double base = PredictLinear.at(y, t, s.baselineWindow(), h);
        rows.add(
            new Row(
                g.timeAt(lead + t),
                g.timeAt(lead + t + h),
                f,
                f + res.lower(k),
                f + res.upper(k),
                actual,
                res.score(k, actual - f),
                base,
                References.lastValue(y, t),
                References.seasonalNaive(y, t, h, s.spec().season())));
      }
    }
    double scale = 0;
    for (int i = 1; i < warm; i++) {
      scale += Math.abs(y[i] - y[i - 1]);
    }
    return new Result(g.name(), rows, models, scale / Math.max(1, warm - 1));
  }
}
