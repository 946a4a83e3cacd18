package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.common.testing.VictoriaMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * The forecaster reading from a real VictoriaMetrics instead of Prometheus. Two days of disk-space
 * history are imported into VictoriaMetrics directly; a real Prometheus scrapes a live target and
 * the forecaster, and remote-writes both to VictoriaMetrics. The forecaster, pointed at
 * VictoriaMetrics, forecasts the imported series and the remote-written one, and its forecasts come
 * back through Prometheus into VictoriaMetrics carrying each series' own labels.
 */
class VictoriaMetricsIT {
  static final long STEP = 300;
  static final int POINTS = 576;
  private static final String HOST_A =
      "instance=\"host-a:9100\",job=\"node\",device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"";
  private static final String HOST_B =
      "instance=\"host-b:9100\",job=\"node\",device=\"/dev/sdb1\",fstype=\"xfs\",mountpoint=\"/data\"";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  /** host-a fills at 1 MB per 5 minutes from 1 GB; host-b is flat. Timestamps in milliseconds. */
  static String history(long end) {
    StringBuilder sb = new StringBuilder();
    for (String labels : List.of(HOST_A, HOST_B)) {
      for (int i = 0; i < POINTS; i++) {
        long t = end - (POINTS - 1 - i) * STEP;
        long v = labels.equals(HOST_A) ? 1_000_000_000L - 1_000_000L * i : 500_000_000_000L;
        sb.append("node_filesystem_avail_bytes{")
            .append(labels)
            .append("} ")
            .append(v)
            .append(' ')
            .append(t * 1000)
            .append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void forecastsFromVictoriaMetricsFedByPrometheusRemoteWrite() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    HttpServer target = liveTarget();
    String targetAddress = "127.0.0.1:" + target.getAddress().getPort();
    try (VictoriaMetrics vm = VictoriaMetrics.start(dir)) {
      vm.importPrometheus(history(System.currentTimeMillis() / 1000 / STEP * STEP - STEP));
      int promPort = FreePorts.next();
      int fcPort = FreePorts.next();
      writeConfigs(vm, fcPort, targetAddress);
      try (RealProcess prom =
              RealProcess.start(
                      "prometheus",
                      dir,
                      List.of(
                          prometheus.toString(),
                          "--config.file=" + dir.resolve("prometheus.yml"),
                          "--storage.tsdb.path=" + dir.resolve("prom-data"),
                          "--web.listen-address=127.0.0.1:" + promPort))
                  .awaitReady("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(60));
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
        Logs logs = new Logs(vm.process(), prom, fc);
        assertDiskForecasts(vm, logs);
        assertRemoteWrittenSeriesForecast(vm, targetAddress, logs);
        assertGridAlignedToTheStep(fcPort, logs);
        assertNoQueryFailed(fcPort, logs);
        fc.process().destroy(); // SIGTERM
        assertTrue(fc.process().waitFor(20, TimeUnit.SECONDS), "forecaster ignored SIGTERM");
        assertEquals(0, fc.process().exitValue(), fc.log());
      }
    } finally {
      target.stop(0);
    }
  }

  /**
   * A live host whose open file count climbs by ten a second: known only to Prometheus, so its
   * forecast proves the path Prometheus → remote_write → VictoriaMetrics → forecaster.
   */
  private static HttpServer liveTarget() throws Exception {
    long started = System.currentTimeMillis();
    HttpServer target =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    target.createContext(
        "/metrics",
        ex -> {
          long fds = 1000 + (System.currentTimeMillis() - started) / 100;
          byte[] body =
              ("# TYPE node_filefd_allocated gauge\nnode_filefd_allocated " + fds + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    target.start();
    return target;
  }

  private void writeConfigs(VictoriaMetrics vm, int fcPort, String targetAddress) throws Exception {
    Files.writeString(
        dir.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global: {scrape_interval: 1s, evaluation_interval: 1s}",
            "scrape_configs:",
            "  - job_name: node",
            "    static_configs: [{targets: ['" + targetAddress + "']}]",
            "  - job_name: forecaster",
            "    honor_labels: true", // the forecasts carry the forecast series' own labels
            "    static_configs: [{targets: ['127.0.0.1:" + fcPort + "']}]",
            "remote_write:",
            "  - url: " + vm.remoteWriteUrl(),
            "    queue_config: {batch_send_deadline: 1s}",
            ""));
    Files.writeString(
        dir.resolve("forecaster.yml"),
        String.join(
            "\n",
            "prometheus:",
            "  url: " + vm.url(),
            "interval: 3s",
            "forecasts:",
            "  - name: disk_avail",
            "    query: node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"}",
            "    lookback: 2d",
            "    step: 5m",
            "    horizons: [1h, 6h]",
            "    threshold: 0",
            // The same series over two days and four minutes: not a whole number of steps.
            "  - name: disk_odd",
            "    query: node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"}",
            "    lookback: 2884m",
            "    step: 5m",
            "    horizons: [1h, 6h]",
            "    threshold: 0",
            "  - name: open_fds",
            "    query: node_filefd_allocated",
            "    lookback: 10m",
            "    step: 1s",
            "    horizons: [1m]",
            "    model: linear",
            ""));
  }

  /** The imported history's forecasts, scraped by Prometheus and remote-written back. */
  private void assertDiskForecasts(VictoriaMetrics vm, Logs logs) throws Exception {
    JsonNode forecasts =
        awaitResult(
            vm,
            "hostwatch_forecast{forecast=\"disk_avail\",horizon=\"1h\"}",
            2,
            Duration.ofSeconds(120),
            logs);
    for (JsonNode r : forecasts) {
      JsonNode m = r.path("metric");
      for (String label : List.of("instance", "device", "fstype", "mountpoint", "forecast")) {
        assertTrue(m.hasNonNull(label), label + " missing in " + m);
      }
      assertEquals("node", m.path("job").asText(), m.toString());
      double value = Double.parseDouble(r.path("value").path(1).asText());
      if (m.path("instance").asText().equals("host-b:9100")) {
        assertEquals(5e11, value, 1e3, "flat series");
      } else {
        assertEquals("host-a:9100", m.path("instance").asText());
        assertTrue(value < 1e9 - 1e6 * (POINTS - 1), "a falling series forecast below its last");
      }
    }
    JsonNode ttt =
        awaitResult(
            vm,
            "hostwatch_forecast_time_to_threshold_seconds{forecast=\"disk_avail\"}",
            2,
            Duration.ofSeconds(60),
            logs);
    for (JsonNode r : ttt) {
      String v = r.path("value").path(1).asText();
      if (r.path("metric").path("instance").asText().equals("host-b:9100")) {
        assertEquals("+Inf", v);
      } else {
        // 425 MB left at 1 MB per step: about 425 steps, less the minutes since the last sample
        double seconds = Double.parseDouble(v);
        assertEquals(425 * STEP, seconds, 0.05 * 425 * STEP, "time to full " + seconds);
      }
    }
    JsonNode fitted =
        awaitResult(
            vm,
            "hostwatch_forecaster_series_fitted{forecast=\"disk_avail\"}",
            1,
            Duration.ofSeconds(60),
            logs);
    assertEquals("2", fitted.get(0).path("value").path(1).asText(), fitted + logs.toString());
  }

  /** The live target's series, which reached VictoriaMetrics only through remote_write. */
  private void assertRemoteWrittenSeriesForecast(
      VictoriaMetrics vm, String targetAddress, Logs logs) throws Exception {
    JsonNode forecasts =
        awaitResult(
            vm, "hostwatch_forecast{forecast=\"open_fds\"}", 1, Duration.ofSeconds(150), logs);
    JsonNode m = forecasts.get(0).path("metric");
    assertEquals(targetAddress, m.path("instance").asText(), m.toString());
    assertEquals("node", m.path("job").asText(), m.toString());
    assertEquals("1m", m.path("horizon").asText(), m.toString());
    // climbing ten a second: a minute ahead is above anything the target has served yet
    double value = Double.parseDouble(forecasts.get(0).path("value").path(1).asText());
    assertTrue(value > 1000, "forecast " + value);
  }

  /**
   * VictoriaMetrics answers a range query on multiples of the step, whatever start was asked for; a
   * grid that is not on them would get every sample up to half a step off and could lose the
   * newest. A lookback of a whole number of steps plus a remainder must see exactly the grid of the
   * whole number of steps: the same forecast, to the byte, as the two-day one.
   */
  private void assertGridAlignedToTheStep(int fcPort, Logs logs) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String even = null;
    String odd = null;
    while (System.nanoTime() < deadline) {
      String metrics = get("http://127.0.0.1:" + fcPort + "/metrics");
      even = forecastOfHostA(metrics, "disk_avail");
      odd = forecastOfHostA(metrics, "disk_odd");
      if (even != null && even.equals(odd)) {
        return;
      }
      Thread.sleep(500); // a run may straddle a step boundary: the next one will not
    }
    throw new AssertionError("disk_avail " + even + " but disk_odd " + odd + logs);
  }

  /** Every answer VictoriaMetrics gave was understood: no failed run was counted. */
  private void assertNoQueryFailed(int fcPort, Logs logs) throws Exception {
    String metrics = get("http://127.0.0.1:" + fcPort + "/metrics");
    for (String line : metrics.split("\n")) {
      assertFalse(line.startsWith("hostwatch_forecaster_query_errors_total"), line + logs);
    }
  }

  private static String forecastOfHostA(String metrics, String forecast) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith("hostwatch_forecast{")
          && line.contains("forecast=\"" + forecast + "\"")
          && line.contains("horizon=\"1h\"")
          && line.contains("instance=\"host-a:9100\"")) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return null;
  }

  private JsonNode awaitResult(
      VictoriaMetrics vm, String query, int count, Duration timeout, Logs logs) throws Exception {
    String path = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = json.readTree(vm.get(path));
      JsonNode result = last.path("data").path("result");
      if (result.size() >= count) {
        return result;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(query + " never returned " + count + " series: " + last + logs);
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The processes' output, printed with a failure. */
  private record Logs(RealProcess... processes) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (RealProcess p : processes) {
        String log = p.log();
        sb.append("\n--- log ---\n").append(log.substring(Math.max(0, log.length() - 4000)));
      }
      return sb.toString();
    }
  }
}
