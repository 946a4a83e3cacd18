package io.hostwatch.forecaster.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.model.DataIssue;
import io.hostwatch.forecaster.model.Forecast;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastExpositionTest {
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

  @Test
  void writesEveryFamilyWithTheSeriesLabels() {
    Map<String, String> labels =
        new java.util.TreeMap<>(Map.of("instance", "h:9100", "mountpoint", "/"));
    Forecast skipped = Forecast.class.cast(skippedForecast());
    ForecastBatch b =
        new ForecastBatch(
            "disk_avail",
            List.of(Duration.ofHours(1)),
            Duration.ofMinutes(5),
            true,
            List.of(
                new SeriesForecast(labels, forecast(100)),
                new SeriesForecast(Map.of("instance", "gone"), skipped)),
            0);
    StringBuilder sb = new StringBuilder();
    ForecastExposition.write(List.of(b), sb);
    String text = sb.toString();
    String l = "forecast=\"disk_avail\",instance=\"h:9100\",mountpoint=\"/\"";
    assertTrue(text.contains("hostwatch_forecast{" + l + ",horizon=\"1h\"} 10.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_lower{" + l + ",horizon=\"1h\"} 8.0\n"), text);
    assertTrue(text.contains("hostwatch_forecast_upper{" + l + ",horizon=\"1h\"} 12.0\n"), text);
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
    assertTrue(
        text.contains("hostwatch_forecast_model_info{" + l + ",model=\"holt\"} 1.0\n"), text);
    assertTrue(text.contains("# TYPE hostwatch_forecast gauge\n"), text);
    assertFalse(text.contains("gone"), "a skipped series is not exported");
  }

  @Test
  void seriesLabelsThatClashWithOursAreKeptAsExported() {
    Map<String, String> l =
        ForecastExposition.labels("f", new java.util.TreeMap<>(Map.of("model", "x", "job", "j")));
    assertEquals(Map.of("forecast", "f", "exported_model", "x", "job", "j"), l);
  }

  @Test
  void escapesLabelValues() {
    StringBuilder sb = new StringBuilder();
    ForecastExposition.sample(sb, "m", Map.of("a", "q\"b\\s\nn"), Double.NaN);
    assertEquals("m{a=\"q\\\"b\\\\s\\nn\"} NaN\n", sb.toString());
  }

  @Test
  void noThresholdNoTimeToThresholdSamples() {
    ForecastBatch b =
        new ForecastBatch(
            "cpu",
            List.of(Duration.ofHours(1)),
            Duration.ofMinutes(5),
            false,
            List.of(new SeriesForecast(Map.of(), forecast(Double.NaN))),
            0);
    StringBuilder sb = new StringBuilder();
    ForecastExposition.write(List.of(b), sb);
    assertFalse(sb.toString().contains("time_to_threshold_seconds{"), sb.toString());
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
