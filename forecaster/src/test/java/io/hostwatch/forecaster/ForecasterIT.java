package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecaster's whole loop with real parts: two days of disk-space history backfilled into a
 * real Prometheus with promtool, the forecaster's shaded jar querying it, Prometheus scraping the
 * forecaster back, and the forecasts queried from Prometheus with the series' own labels.
 */
class ForecasterIT {
  static final long STEP = 300;
  static final int POINTS = 576;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;

  /** host-a fills at 1 MB per 5 minutes from 1 GB; host-b is flat: never fills. */
  static String openMetrics(long end) {
    StringBuilder sb = new StringBuilder("# TYPE node_filesystem_avail_bytes gauge\n");
    String a = "{instance=\"host-a:9100\",device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"}";
    String b =
        "{instance=\"host-b:9100\",device=\"/dev/sdb1\",fstype=\"xfs\",mountpoint=\"/data\"}";
    for (String labels : List.of(a, b)) {
      for (int i = 0; i < POINTS; i++) {
        long t = end - (POINTS - 1 - i) * STEP;
        double v = labels == a ? 1e9 - 1e6 * i : 5e11;
        sb.append("node_filesystem_avail_bytes")
            .append(labels)
            .append(' ')
            .append((long) v)
            .append(' ')
            .append(t)
            .append('\n');
      }
    }
    return sb.append("# EOF\n").toString();
  }

  @Test
  void forecastsOfBackfilledSeriesComeBackThroughPrometheus() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    Path promtool = Binaries.require("promtool");
    long now = System.currentTimeMillis() / 1000;
    long end = now / STEP * STEP - STEP; // the newest sample is at most 10 minutes old
    Path om = dir.resolve("history.om");
    Files.writeString(om, openMetrics(end));
    Path data = dir.resolve("data");
    Backfill.into(data, om);

    int promPort = FreePorts.next();
    int fcPort = FreePorts.next();
    Files.writeString(
        dir.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global: {scrape_interval: 1s, evaluation_interval: 1s}",
            "scrape_configs:",
            "  - job_name: forecaster",
            "    honor_labels: true", // the forecasts carry the forecast series' instance label
            "    static_configs: [{targets: ['127.0.0.1:" + fcPort + "']}]",
            ""));
    // A second Prometheus scrapes the same forecaster in protobuf, which 2.x asks for first when
    // native histograms are on; the first one asks for OpenMetrics, as Prometheus does by default.
    int protoPort = FreePorts.next();
    Files.writeString(
        dir.resolve("prometheus-proto.yml"),
        String.join(
            "\n",
            "global: {scrape_interval: 1s}",
            "scrape_configs:",
            "  - job_name: forecaster",
            "    honor_labels: true",
            "    static_configs: [{targets: ['127.0.0.1:" + fcPort + "']}]",
            ""));
    Files.writeString(
        dir.resolve("forecaster.yml"),
        String.join(
            "\n",
            "prometheus:",
            "  url: http://127.0.0.1:" + promPort,
            "interval: 3s",
            "forecasts:",
            "  - name: disk_avail",
            "    query: node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"}",
            "    lookback: 2d",
            "    step: 5m",
            "    horizons: [1h, 6h]",
            "    threshold: 0",
            ""));
    try (RealProcess prom =
            RealProcess.start(
                    "prometheus",
                    dir,
                    List.of(
                        prometheus.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + data,
                        "--web.listen-address=127.0.0.1:" + promPort))
                .awaitReady("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(60));
        RealProcess protoProm =
            RealProcess.start(
                    "prometheus-proto",
                    dir,
                    List.of(
                        prometheus.toString(),
                        "--config.file=" + dir.resolve("prometheus-proto.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data-proto"),
                        "--enable-feature=native-histograms",
                        "--web.listen-address=127.0.0.1:" + protoPort))
                .awaitReady("http://127.0.0.1:" + protoPort + "/-/ready", Duration.ofSeconds(60));
        RealProcess fc =
            RealProcess.start(
                    "forecaster",
                    dir,
                    RealProcess.javaJar(
                        ModuleJars.of("forecaster"),
                        "--config.file=" + dir.resolve("forecaster.yml"),
                        "--web.listen-address=127.0.0.1:" + fcPort,
                        "--log.level=info"))
                .awaitReady("http://127.0.0.1:" + fcPort + "/-/ready", Duration.ofSeconds(90))) {
      JsonNode forecasts =
          awaitResult(
              promPort, "hostwatch_forecast{forecast=\"disk_avail\",horizon=\"1h\"}", 2, fc);
      for (JsonNode r : forecasts) {
        JsonNode m = r.path("metric");
        for (String label : List.of("instance", "device", "fstype", "mountpoint", "forecast")) {
          assertTrue(m.hasNonNull(label), label + " missing in " + m);
        }
        assertEquals("forecaster", m.path("job").asText());
        double value = Double.parseDouble(r.path("value").path(1).asText());
        if (m.path("instance").asText().equals("host-b:9100")) {
          assertEquals(5e11, value, 1e3, "flat series");
        } else {
          assertTrue(value < 1e9 - 1e6 * (POINTS - 1), "a falling series forecast below its last");
        }
      }
      JsonNode ttt =
          awaitResult(
              promPort,
              "hostwatch_forecast_time_to_threshold_seconds{forecast=\"disk_avail\"}",
              2,
              fc);
      for (JsonNode r : ttt) {
        String v = r.path("value").path(1).asText();
        if (r.path("metric").path("instance").asText().equals("host-b:9100")) {
          assertEquals("+Inf", v);
        } else {
          // 425 MB left at 1 MB per step: ~425 steps (minus the minutes since the last sample)
          double seconds = Double.parseDouble(v);
          assertEquals(425 * STEP, seconds, 0.05 * 425 * STEP, "time to full " + seconds);
        }
      }
      JsonNode info = awaitResult(promPort, "hostwatch_forecast_model_info", 2, fc);
      assertTrue(info.get(0).path("metric").hasNonNull("model"), info.toString());
      JsonNode fitted =
          awaitResult(
              promPort, "hostwatch_forecaster_series_fitted{forecast=\"disk_avail\"}", 1, fc);
      assertEquals("2", fitted.get(0).path("value").path(1).asText());
      // both past the warm-up; the flat line is never news. The falling one's newest grid point
      // repeats its last sample (Prometheus' 5-minute lookback), which a noise-free fall makes
      // as surprising as can be: only its range is asserted.
      for (String family :
          List.of(
              "hostwatch_forecast_anomaly_warming_up",
              "hostwatch_forecast_anomaly_score",
              "hostwatch_forecast_anomaly")) {
        JsonNode a = awaitResult(promPort, family + "{forecast=\"disk_avail\"}", 2, fc);
        for (JsonNode r : a) {
          double v = Double.parseDouble(r.path("value").path(1).asText());
          boolean flat = r.path("metric").path("instance").asText().equals("host-b:9100");
          if (flat || family.endsWith("warming_up")) {
            assertEquals(0.0, v, r.toString());
          } else {
            assertTrue(v >= 0 && v <= 1, r.toString());
          }
        }
      }

      // the same values through protobuf: +Inf for the flat disk, the model as an info metric
      assertTrue(protoProm.process().isAlive(), protoProm.log());
      JsonNode protoTtt =
          awaitResult(
              protoPort,
              "hostwatch_forecast_time_to_threshold_seconds{forecast=\"disk_avail\"}",
              2,
              fc);
      for (JsonNode r : protoTtt) {
        if (r.path("metric").path("instance").asText().equals("host-b:9100")) {
          assertEquals("+Inf", r.path("value").path(1).asText(), r.toString());
        }
      }
      JsonNode protoInfo = awaitResult(protoPort, "hostwatch_forecast_model_info", 2, fc);
      assertEquals("1", protoInfo.get(0).path("value").path(1).asText(), protoInfo.toString());
      assertTrue(protoInfo.get(0).path("metric").hasNonNull("model"), protoInfo.toString());
      awaitResult(protoPort, "hostwatch_forecast{forecast=\"disk_avail\",horizon=\"6h\"}", 2, fc);

      Process check =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      check
          .getOutputStream()
          .write(get("http://127.0.0.1:" + fcPort + "/metrics").getBytes(StandardCharsets.UTF_8));
      check.getOutputStream().close();
      String lint = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(check.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, check.exitValue(), "promtool check metrics:\n" + lint);

      fc.process().destroy(); // SIGTERM
      assertTrue(fc.process().waitFor(20, TimeUnit.SECONDS), "forecaster ignored SIGTERM");
      assertEquals(0, fc.process().exitValue(), fc.log());
    }
  }

  private JsonNode awaitResult(int promPort, String query, int count, RealProcess fc)
      throws Exception {
    String url =
        "http://127.0.0.1:"
            + promPort
            + "/api/v1/query?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8);
    JsonNode last = null;
    for (int i = 0; i < 240; i++) { // bounded: 2 minutes
      last = json.readTree(get(url));
      JsonNode result = last.path("data").path("result");
      if (result.size() >= count) {
        return result;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        query + " never returned " + count + " series: " + last + "\n" + fc.log());
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
