package io.hostwatch.forecaster.backtest;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Error figures of one forecaster over a file's rows.
 *
 * @param mae mean absolute error
 * @param medae median absolute error
 * @param mase MAE over the warm-up's mean absolute one-step change
 * @param smape symmetric MAPE in percent (0..200), rows where forecast and actual are both 0
 *     skipped
 */
public record Accuracy(double mae, double medae, double mase, double smape) {

  static Accuracy of(
      List<BacktestRunner.Row> rows, ToDoubleFunction<BacktestRunner.Row> f, double scale) {
    int n = rows.size();
    double[] abs = new double[n];
    double sum = 0;
    double sm = 0;
    int smN = 0;
    for (int i = 0; i < n; i++) {
      BacktestRunner.Row r = rows.get(i);
      double fc = f.applyAsDouble(r);
      abs[i] = Math.abs(fc - r.actual());
      sum += abs[i];
      double den = Math.abs(fc) + Math.abs(r.actual());
      if (den > 0) {
        sm += 200 * abs[i] / den;
        smN++;
      }
    }
    Arrays.sort(abs);
    double nan = Double.NaN;
    double mae = n == 0 ? nan : sum / n;
    double med = n == 0 ? nan : (n % 2 == 1 ? abs[n / 2] : (abs[n / 2 - 1] + abs[n / 2]) / 2);
    return new Accuracy(mae, med, scale > 0 ? mae / scale : nan, smN == 0 ? nan : sm / smN);
  }

  /** Share of rows whose actual lies within [lower, upper]. */
  static double coverage(List<BacktestRunner.Row> rows) {
    long in = rows.stream().filter(r -> r.actual() >= r.lower() && r.actual() <= r.upper()).count();
    return rows.isEmpty() ? Double.NaN : (double) in / rows.size();
  }
}
