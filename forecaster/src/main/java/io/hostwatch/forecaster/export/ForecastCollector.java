package io.hostwatch.forecaster.export;

import io.hostwatch.common.config.Durations;
import io.hostwatch.forecaster.model.AnomalyScorer;
import io.hostwatch.forecaster.model.Forecast;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The forecasts as client_java snapshots, built from the store's current batches at each scrape, so
 * client_java's {@code MetricsHandler} serves them in text, OpenMetrics or protobuf, gzipped on
 * request.
 *
 * <pre>{@code
 * registry.register(new ForecastCollector(store));
 * }</pre>
 *
 * <p>Every family is a gauge whose samples carry the forecast name, the series' own labels and, per
 * horizon, {@code horizon}; the model is an info metric. Series of different queries carry
 * different label names within one family, which snapshots allow (client_java's typed metrics do
 * not). No sample carries a timestamp: Prometheus stamps them at scrape time ("now"); a forecast
 * stamped in the future would be rejected as out of bounds, so a panel shows it ahead with {@code
 * offset}.
 */
public final class ForecastCollector implements MultiCollector {
  private static final Logger logger = Logger.getLogger(ForecastCollector.class.getName());

  public static final String FORECAST = "hostwatch_forecast";
  public static final String LOWER = "hostwatch_forecast_lower";
  public static final String UPPER = "hostwatch_forecast_upper";
  public static final String TTT = "hostwatch_forecast_time_to_threshold_seconds";
  public static final String TTT_LOWER = "hostwatch_forecast_time_to_threshold_seconds_lower";
  public static final String TTT_UPPER = "hostwatch_forecast_time_to_threshold_seconds_upper";
  public static final String ANOMALY = "hostwatch_forecast_anomaly";
  public static final String ANOMALY_SCORE = "hostwatch_forecast_anomaly_score";
  public static final String ANOMALY_WARMING_UP = "hostwatch_forecast_anomaly_warming_up";
  public static final String BACKTEST_MAE = "hostwatch_forecast_backtest_mae";
  public static final String BACKTEST_MASE = "hostwatch_forecast_backtest_mase";

  /** Exposed as {@code hostwatch_forecast_model_info}: client_java appends the suffix. */
  public static final String MODEL = "hostwatch_forecast_model";

  /** Labels our metrics add; a series' own label of the same name is kept as exported_<name>. */
  static final Set<String> OURS = Set.of("forecast", "horizon", "model");

  /** A gauge family and how to read its value; {@code horizon} is ignored by per-series ones. */
  private record Family(String name, String help, Value value) {}

  @FunctionalInterface
  private interface Value {
    double of(Forecast f, int horizon);
  }

  private static final List<Family> PER_HORIZON =
      List.of(
          new Family(FORECAST, "Forecast value at the horizon.", (f, i) -> f.point()[i]),
          new Family(
              LOWER, "Lower edge of the forecast's prediction band.", (f, i) -> f.lower()[i]),
          new Family(
              UPPER, "Upper edge of the forecast's prediction band.", (f, i) -> f.upper()[i]));

  /** In steps; multiplied by the batch's step to give seconds. */
  private static final List<Family> TO_THRESHOLD =
      List.of(
          new Family(
              TTT,
              "Seconds until the forecast crosses its threshold; +Inf never.",
              (f, i) -> f.toThreshold()),
          new Family(
              TTT_LOWER,
              "Earliest crossing the band allows, seconds.",
              (f, i) -> f.toThresholdLower()),
          new Family(
              TTT_UPPER,
              "Latest crossing the band allows, seconds; +Inf never.",
              (f, i) -> f.toThresholdUpper()));

  private static final List<Family> PER_SERIES =
      List.of(
          new Family(
              ANOMALY,
              "1 when one of the last anomaly_run samples scored at least "
                  + AnomalyScorer.THRESHOLD
                  + ".",
              (f, i) -> f.anomaly() ? 1 : 0),
          new Family(
              ANOMALY_SCORE,
              "Surprise of the last sample against the largest of the last day, 0..1;"
                  + " 0.5 = as large.",
              (f, i) -> f.anomalyScore()),
          new Family(
              ANOMALY_WARMING_UP,
              "1 while the series has too few samples to be scored (its score is 0 meanwhile).",
              (f, i) -> f.anomalyWarmingUp() ? 1 : 0),
          new Family(
              BACKTEST_MAE,
              "Rolling-origin mean absolute error at the first horizon.",
              (f, i) -> f.backtestMae()),
          new Family(
              BACKTEST_MASE,
              "Rolling-origin MAE over the mean absolute one-step change.",
              (f, i) -> f.backtestMase()));

  private static final String MODEL_HELP = "The model used for the series.";

  private final ForecastStore store;

  /** The batch last warned about per forecast, so a bad batch is logged once, not per scrape. */
  private final Map<String, ForecastBatch> warned = new ConcurrentHashMap<>();

  public ForecastCollector(ForecastStore store) {
    this.store = store;
  }

  @Override
  public MetricSnapshots collect() {
    return new MetricSnapshots(snapshots(store.all()));
  }

  /** Names, types and help, for the registry to refuse another collector of the same names. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    List<MetricFamilyDescriptor> out = new ArrayList<>();
    Stream.of(PER_HORIZON, TO_THRESHOLD, PER_SERIES)
        .flatMap(List::stream)
        .forEach(f -> out.add(MetricFamilyDescriptor.gauge(f.name()).help(f.help()).build()));
    out.add(MetricFamilyDescriptor.info(MODEL).help(MODEL_HELP).build());
    return out;
  }

  /**
   * The families of {@code batches}. Each series' labels are built once and shared by its samples
   * in every family.
   */
  List<MetricSnapshot> snapshots(Collection<ForecastBatch> batches) {
    Points points = new Points(batches);
    for (ForecastBatch b : batches) {
      add(b, points);
    }
    List<MetricSnapshot> out = new ArrayList<>();
    gauges(PER_HORIZON, points.perHorizon, out);
    gauges(TO_THRESHOLD, points.toThreshold, out);
    gauges(PER_SERIES, points.perSeries, out);
    out.add(new InfoSnapshot(new MetricMetadata(MODEL, MODEL_HELP), points.models));
    return out;
  }

  /** A series to export: its labels, built once per scrape, and its forecast. */
  private record Labeled(Labels labels, Forecast forecast) {}

  /** Adds the batch's samples to every family, per-horizon ones horizon by horizon. */
  private void add(ForecastBatch b, Points p) {
    List<Labeled> series = exportable(b);
    addPerHorizon(b, series, p);
    double stepSeconds = b.step().toSeconds();
    for (Labeled s : series) {
      if (b.hasThreshold()) {
        for (int j = 0; j < TO_THRESHOLD.size(); j++) {
          double steps = TO_THRESHOLD.get(j).value().of(s.forecast(), 0);
          p.toThreshold.get(j).add(point(steps * stepSeconds, s.labels()));
        }
      }
      for (int j = 0; j < PER_SERIES.size(); j++) {
        p.perSeries.get(j).add(point(PER_SERIES.get(j).value().of(s.forecast(), 0), s.labels()));
      }
      p.models.add(new InfoDataPointSnapshot(s.labels().add("model", s.forecast().model())));
    }
  }

  /**
   * The batch's forecast series in label order: client_java sorts each family's samples by labels,
   * and sorted runs cost it one comparison per sample instead of a full sort of every family (most
   * of the snapshots' cost at 10,000 series). Sorting also puts duplicates side by side.
   */
  private List<Labeled> exportable(ForecastBatch b) {
    List<Labeled> labeled = new ArrayList<>(b.series().size());
    int rejected = 0;
    for (SeriesForecast s : b.series()) {
      if (!s.forecast().skipped()) {
        Labels base = labels(b.name(), s.labels());
        if (base == null) {
          rejected++;
        } else {
          labeled.add(new Labeled(base, s.forecast()));
        }
      }
    }
    labeled.sort(Comparator.comparing(Labeled::labels));
    List<Labeled> series = new ArrayList<>(labeled.size());
    for (Labeled s : labeled) {
      if (!series.isEmpty() && series.get(series.size() - 1).labels().equals(s.labels())) {
        rejected++;
      } else {
        series.add(s);
      }
    }
    if (rejected > 0 && warned.put(b.name(), b) != b) {
      // Two series that differ only in a label we rename, or a label name client_java rejects:
      // serving either would fail the whole scrape.
      logger.warning(
          "forecast "
              + b.name()
              + ": "
              + rejected
              + " series not exported: duplicate or invalid labels");
    }
    return series;
  }

  private static void addPerHorizon(ForecastBatch b, List<Labeled> series, Points p) {
    for (int i = 0; i < b.horizons().size(); i++) {
      String horizon = Durations.format(b.horizons().get(i));
      for (Labeled s : series) {
        Labels l = s.labels().add("horizon", horizon);
        for (int j = 0; j < PER_HORIZON.size(); j++) {
          p.perHorizon.get(j).add(point(PER_HORIZON.get(j).value().of(s.forecast(), i), l));
        }
      }
    }
  }

  /**
   * The forecast name, then the series' labels, renaming those that clash with ours; {@code null}
   * when client_java rejects a label name.
   */
  static Labels labels(String forecast, Map<String, String> series) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("forecast", forecast);
    series.forEach((k, v) -> l.put(OURS.contains(k) ? "exported_" + k : k, v));
    try {
      return Labels.of(l.keySet().toArray(String[]::new), l.values().toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static GaugeDataPointSnapshot point(double value, Labels labels) {
    return new GaugeDataPointSnapshot(value, labels, null);
  }

  private static void gauges(
      List<Family> families, List<List<GaugeDataPointSnapshot>> points, List<MetricSnapshot> out) {
    for (int j = 0; j < families.size(); j++) {
      Family f = families.get(j);
      out.add(new GaugeSnapshot(new MetricMetadata(f.name(), f.help()), points.get(j)));
    }
  }

  /** The samples of every family, gathered during one scrape. */
  private static final class Points {
    final List<List<GaugeDataPointSnapshot>> perHorizon;
    final List<List<GaugeDataPointSnapshot>> toThreshold;
    final List<List<GaugeDataPointSnapshot>> perSeries;
    final List<InfoDataPointSnapshot> models;

    Points(Collection<ForecastBatch> batches) {
      int series = 0;
      int horizons = 0;
      for (ForecastBatch b : batches) {
        series += b.series().size();
        horizons += b.series().size() * b.horizons().size();
      }
      perHorizon = lists(PER_HORIZON.size(), horizons);
      toThreshold = lists(TO_THRESHOLD.size(), series);
      perSeries = lists(PER_SERIES.size(), series);
      models = new ArrayList<>(series);
    }

    private static List<List<GaugeDataPointSnapshot>> lists(int n, int capacity) {
      List<List<GaugeDataPointSnapshot>> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new ArrayList<>(capacity));
      }
      return out;
    }
  }
}
