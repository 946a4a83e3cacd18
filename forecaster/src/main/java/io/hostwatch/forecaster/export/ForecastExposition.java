package io.hostwatch.forecaster.export;

import io.hostwatch.common.config.Durations;
import io.hostwatch.forecaster.model.AnomalyScorer;
import io.hostwatch.forecaster.model.Forecast;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Writes the forecasts in the Prometheus text format (0.0.4). Series from different queries carry
 * different label names, which the text format allows within one family and client_java's typed
 * metrics do not, hence a writer of our own. No sample carries a timestamp: Prometheus stamps them
 * at scrape time ("now"); a forecast stamped in the future would be rejected as out of bounds by a
 * live Prometheus, so a panel shows it ahead with {@code offset}.
 */
public final class ForecastExposition {
  public static final String FORECAST = "hostwatch_forecast";
  public static final String LOWER = "hostwatch_forecast_lower";
  public static final String UPPER = "hostwatch_forecast_upper";
  public static final String TTT = "hostwatch_forecast_time_to_threshold_seconds";
  public static final String TTT_LOWER = "hostwatch_forecast_time_to_threshold_seconds_lower";
  public static final String TTT_UPPER = "hostwatch_forecast_time_to_threshold_seconds_upper";
  public static final String ANOMALY = "hostwatch_forecast_anomaly";
  public static final String ANOMALY_SCORE = "hostwatch_forecast_anomaly_score";
  public static final String ANOMALY_WARMING_UP = "hostwatch_forecast_anomaly_warming_up";
  public static final String MODEL_INFO = "hostwatch_forecast_model_info";
  public static final String BACKTEST_MAE = "hostwatch_forecast_backtest_mae";
  public static final String BACKTEST_MASE = "hostwatch_forecast_backtest_mase";

  /** Labels our metrics add; a series' own label of the same name is kept as exported_<name>. */
  static final Set<String> OURS = Set.of("forecast", "horizon", "model");

  private ForecastExposition() {}

  /** Appends every family, with HELP and TYPE, for the batches' non-skipped series. */
  public static void write(Collection<ForecastBatch> batches, StringBuilder out) {
    perHorizon(batches, out, FORECAST, "Forecast value at the horizon.", (f, i) -> f.point()[i]);
    perHorizon(
        batches,
        out,
        LOWER,
        "Lower edge of the forecast's prediction band.",
        (f, i) -> f.lower()[i]);
    perHorizon(
        batches,
        out,
        UPPER,
        "Upper edge of the forecast's prediction band.",
        (f, i) -> f.upper()[i]);
    threshold(
        batches,
        out,
        TTT,
        "Seconds until the forecast crosses its threshold; +Inf never.",
        Forecast::toThreshold);
    threshold(
        batches,
        out,
        TTT_LOWER,
        "Earliest crossing the band allows, seconds.",
        Forecast::toThresholdLower);
    threshold(
        batches,
        out,
        TTT_UPPER,
        "Latest crossing the band allows, seconds; +Inf never.",
        Forecast::toThresholdUpper);
    perSeries(
        batches,
        out,
        ANOMALY,
        "1 when one of the last anomaly_run samples scored at least "
            + AnomalyScorer.THRESHOLD
            + ".",
        f -> f.anomaly() ? 1 : 0);
    perSeries(
        batches,
        out,
        ANOMALY_SCORE,
        "Surprise of the last sample against the largest of the last day, 0..1; 0.5 = as large.",
        Forecast::anomalyScore);
    perSeries(
        batches,
        out,
        ANOMALY_WARMING_UP,
        "1 while the series has too few samples to be scored (its score is 0 meanwhile).",
        f -> f.anomalyWarmingUp() ? 1 : 0);
    perSeries(
        batches,
        out,
        BACKTEST_MAE,
        "Rolling-origin mean absolute error at the first horizon.",
        Forecast::backtestMae);
    perSeries(
        batches,
        out,
        BACKTEST_MASE,
        "Rolling-origin MAE over the mean absolute one-step change.",
        Forecast::backtestMase);
    header(out, MODEL_INFO, "The model used for the series.");
    for (ForecastBatch b : batches) {
      for (SeriesForecast s : b.series()) {
        if (!s.forecast().skipped()) {
          Map<String, String> l = labels(b.name(), s.labels());
          l.put("model", s.forecast().model());
          sample(out, MODEL_INFO, l, 1);
        }
      }
    }
  }

  private static void perHorizon(
      Collection<ForecastBatch> batches,
      StringBuilder out,
      String name,
      String help,
      Value2 value) {
    header(out, name, help);
    for (ForecastBatch b : batches) {
      for (SeriesForecast s : b.series()) {
        if (s.forecast().skipped()) {
          continue;
        }
        for (int i = 0; i < b.horizons().size(); i++) {
          Map<String, String> l = labels(b.name(), s.labels());
          l.put("horizon", Durations.format(b.horizons().get(i)));
          sample(out, name, l, value.of(s.forecast(), i));
        }
      }
    }
  }

  private static void threshold(
      Collection<ForecastBatch> batches,
      StringBuilder out,
      String name,
      String help,
      java.util.function.ToDoubleFunction<Forecast> steps) {
    header(out, name, help);
    for (ForecastBatch b : batches) {
      if (!b.hasThreshold()) {
        continue;
      }
      double stepSeconds = b.step().toSeconds();
      for (SeriesForecast s : b.series()) {
        if (!s.forecast().skipped()) {
          sample(
              out,
              name,
              labels(b.name(), s.labels()),
              steps.applyAsDouble(s.forecast()) * stepSeconds);
        }
      }
    }
  }

  private static void perSeries(
      Collection<ForecastBatch> batches,
      StringBuilder out,
      String name,
      String help,
      java.util.function.ToDoubleFunction<Forecast> value) {
    header(out, name, help);
    each(
        batches,
        (b, s) ->
            sample(out, name, labels(b.name(), s.labels()), value.applyAsDouble(s.forecast())));
  }

  private static void each(
      Collection<ForecastBatch> batches, BiConsumer<ForecastBatch, SeriesForecast> f) {
    for (ForecastBatch b : batches) {
      for (SeriesForecast s : b.series()) {
        if (!s.forecast().skipped()) {
          f.accept(b, s);
        }
      }
    }
  }

  static Map<String, String> labels(String forecast, Map<String, String> series) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("forecast", forecast);
    series.forEach((k, v) -> l.put(OURS.contains(k) ? "exported_" + k : k, v));
    return l;
  }

  private static void header(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  static void sample(StringBuilder out, String name, Map<String, String> labels, double v) {
    out.append(name).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(e.getKey()).append("=\"");
      escape(e.getValue(), out);
      out.append('"');
    }
    out.append("} ").append(format(v)).append('\n');
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v);
  }

  private static void escape(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  @FunctionalInterface
  private interface Value2 {
    double of(Forecast f, int horizon);
  }
}
