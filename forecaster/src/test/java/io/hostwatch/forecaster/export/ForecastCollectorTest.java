package io.hostwatch.forecaster.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.model.DataIssue;
import io.hostwatch.forecaster.model.Forecast;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ForecastCollectorTest {
  static Forecast forecast(double ttt) {
    return new Forecast(
        "holt",
        EnumSet.noneOf(DataIssue.class),
        new int[] {12},
        new double[] {10},
        new double[] {8},
        new double[] {12},
        ttt,
        ttt / 2,
        Double.POSITIVE_INFINITY,
        0.25,
        true,
        false,
        1.5,
        0.9,
        100);
  }

  static ForecastBatch batch(String name, boolean threshold, SeriesForecast... series) {
    return new ForecastBatch(
        name, List.of(Duration.ofHours(1)), Duration.ofMinutes(5), threshold, List.of(series), 0);
  }

  /** What client_java's handler serves for {@code store} in the text format. */
  static String text(ForecastStore store) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, new ForecastCollector(store).collect());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesEveryFamilyWithTheSeriesLabels() throws IOException {
    Map<String, String> labels = new TreeMap<>(Map.of("instance", "h:9100", "mountpoint", "/"));
    ForecastStore store = new ForecastStore();
    store.put(
        batch(
            "disk_avail",
            true,
            new SeriesForecast(labels, forecast(100)),
            new SeriesForecast(Map.of("instance", "gone"), skippedForecast())));
    String text = text(store);
    // client_java writes label names in order
    String l = "forecast=\"disk_avail\",instance=\"h:9100\",mountpoint=\"/\"";
    String h = "forecast=\"disk_avail\",horizon=\"1h\",instance=\"h:9100\",mountpoint=\"/\"";
    assertTrue(text.contains("hostwatch_forecast{" + h + "} 10.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_lower{" + h + "} 8.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_upper{" + h + "} 12.0\n"), text);
    assertTrue(
        text.contains("hostwatch_forecast_time_to_threshold_seconds{" + l + "} 30000.0\n"), text);
    assertTrue(
        text.contains("hostwatch_forecast_time_to_threshold_seconds_lower{" + l + "} 15000.0\n"),
        text);
    assertTrue(
        text.contains("hostwatch_forecast_time_to_threshold_seconds_upper{" + l + "} +Inf\n"),
        text);
    assertTrue(text.contains("hostwatch_forecast_anomaly{" + l + "} 1.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_anomaly_score{" + l + "} 0.25\n"), text);
    assertTrue(text.contains("hostwatch_forecast_anomaly_warming_up{" + l + "} 0.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_backtest_mae{" + l + "} 1.5\n"), text);
    assertTrue(text.contains("hostwatch_forecast_backtest_mase{" + l + "} 0.9\n"), text);
    String info =
        "hostwatch_forecast_model_info{forecast=\"disk_avail\",instance=\"h:9100\","
            + "model=\"holt\",mountpoint=\"/\"} 1\n";
    assertTrue(text.contains(info), text);
    assertTrue(text.contains("# TYPE hostwatch_forecast gauge\n"), text);
    assertTrue(text.contains("# TYPE hostwatch_forecast_model_info gauge\n"), text);
    assertTrue(
        text.contains(
            "# HELP hostwatch_forecast_time_to_threshold_seconds"
                + " Seconds until the forecast crosses its threshold; +Inf never.\n"),
        text);
    assertFalse(text.contains("gone"), "a skipped series is not exported");
  }

  @Test
  void specialValuesComeOutAsPrometheusSpellsThem() throws IOException {
    ForecastStore store = new ForecastStore();
    Forecast flat = forecast(Double.POSITIVE_INFINITY);
    Forecast unknown = forecast(Double.NaN);
    store.put(
        batch(
            "f",
            true,
            new SeriesForecast(Map.of("instance", "flat"), flat),
            new SeriesForecast(Map.of("instance", "nan"), unknown)));
    String text = text(store);
    String ttt = "hostwatch_forecast_time_to_threshold_seconds";
    assertTrue(text.contains(ttt + "{forecast=\"f\",instance=\"flat\"} +Inf\n"), text);
    assertTrue(text.contains(ttt + "{forecast=\"f\",instance=\"nan\"} NaN\n"), text);
    ByteArrayOutputStream om = new ByteArrayOutputStream();
    OpenMetricsTextFormatWriter.create().write(om, new ForecastCollector(store).collect());
    String openMetrics = om.toString(StandardCharsets.UTF_8);
    assertTrue(
        openMetrics.contains(ttt + "{forecast=\"f\",instance=\"flat\"} +Inf\n"), openMetrics);
    assertTrue(openMetrics.contains("# TYPE hostwatch_forecast_model info\n"), openMetrics);
  }

  @Test
  void forecastsOfDifferentQueriesShareFamiliesThoughTheirLabelNamesDiffer() throws IOException {
    ForecastStore store = new ForecastStore();
    store.put(
        batch(
            "disk",
            true,
            new SeriesForecast(Map.of("instance", "b", "mountpoint", "/"), forecast(1)),
            new SeriesForecast(Map.of("instance", "a", "mountpoint", "/"), forecast(2))));
    store.put(batch("cpu", false, new SeriesForecast(Map.of("instance", "a"), forecast(3))));
    List<String> samples =
        text(store).lines().filter(l -> l.startsWith("hostwatch_forecast{")).toList();
    assertEquals(
        List.of(
            "hostwatch_forecast{forecast=\"cpu\",horizon=\"1h\",instance=\"a\"} 10.0",
            "hostwatch_forecast{forecast=\"disk\",horizon=\"1h\",instance=\"a\",mountpoint=\"/\"}"
                + " 10.0",
            "hostwatch_forecast{forecast=\"disk\",horizon=\"1h\",instance=\"b\",mountpoint=\"/\"}"
                + " 10.0"),
        samples);
  }

  @Test
  void seriesLabelsThatClashWithOursAreKeptAsExported() {
    Labels l = ForecastCollector.labels("f", new TreeMap<>(Map.of("model", "x", "job", "j")));
    assertEquals(Labels.of("forecast", "f", "exported_model", "x", "job", "j"), l);
  }

  @Test
  void escapesLabelValues() throws IOException {
    ForecastStore store = new ForecastStore();
    store.put(batch("f", false, new SeriesForecast(Map.of("a", "q\"b\\s\nn"), forecast(1))));
    assertTrue(
        text(store)
            .contains("hostwatch_forecast_anomaly{a=\"q\\\"b\\\\s\\nn\",forecast=\"f\"} 1.0\n"),
        text(store));
  }

  @Test
  void noThresholdNoTimeToThresholdSamples() throws IOException {
    ForecastStore store = new ForecastStore();
    store.put(batch("cpu", false, new SeriesForecast(Map.of(), forecast(Double.NaN))));
    String text = text(store);
    assertFalse(text.contains("time_to_threshold_seconds"), text);
    assertTrue(text.contains("hostwatch_forecast{forecast=\"cpu\",horizon=\"1h\"} 10.0\n"), text);
  }

  @Test
  void seriesThatCannotBeExportedAreDroppedNotTheScrape() throws IOException {
    ForecastStore store = new ForecastStore();
    store.put(
        batch(
            "f",
            false,
            // both become exported_model="x" once our own model label is renamed
            new SeriesForecast(new TreeMap<>(Map.of("model", "x")), forecast(1)),
            new SeriesForecast(
                new TreeMap<>(Map.of("exported_model", "y", "model", "x")), forecast(2)),
            new SeriesForecast(Map.of("__reserved", "v"), forecast(3)),
            new SeriesForecast(Map.of("instance", "fine"), forecast(4))));
    String text = text(store);
    assertTrue(text.contains("instance=\"fine\""), text);
    assertEquals(
        2, text.lines().filter(s -> s.startsWith("hostwatch_forecast_anomaly{")).count(), text);
    assertNull(ForecastCollector.labels("f", Map.of("__reserved", "v")));
  }

  @Test
  void registersBesideTheServiceMetrics() {
    ForecastStore store = new ForecastStore();
    PrometheusRegistry registry = new ServiceMetrics(store, () -> 0).registry();
    registry.register(new ForecastCollector(store));
    store.put(batch("f", false, new SeriesForecast(Map.of(), forecast(1))));
    MetricSnapshots all = registry.scrape();
    assertTrue(
        all.stream()
            .anyMatch(s -> s.getMetadata().getPrometheusName().equals("hostwatch_forecast")));
    assertTrue(
        all.stream()
            .anyMatch(
                s ->
                    s.getMetadata()
                        .getPrometheusName()
                        .equals("hostwatch_forecaster_forecast_age_seconds")));
  }

  static Forecast skippedForecast() {
    return new Forecast(
        null,
        EnumSet.of(DataIssue.TOO_FEW_POINTS),
        new int[] {12},
        null,
        null,
        null,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        true,
        Double.NaN,
        Double.NaN,
        2);
  }
}
