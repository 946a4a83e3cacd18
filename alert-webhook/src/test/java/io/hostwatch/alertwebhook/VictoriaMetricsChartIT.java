package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.render.RangeQueries;
import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.common.testing.VictoriaMetrics;
import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart query against a real VictoriaMetrics holding the last hour of two hosts' CPU, reached
 * under its {@code /prometheus} prefix as a proxy or a cluster would serve it, behind basic auth:
 * the series come back with their labels and each value at its own timestamp, and the jar's {@code
 * preview} draws the chart from them. Without the credentials the query fails for good, saying so.
 */
class VictoriaMetricsChartIT {
  private static final long STEP = 15;
  @TempDir Path dir;

  /** A sawtooth per host, so a value read at the wrong timestamp shows. */
  static double cpu(String host, long epochSecond) {
    return (host.equals("web-1") ? 60 : 10) + (epochSecond / STEP) % 40;
  }

  @Test
  void chartsAreDrawnFromVictoriaMetrics() throws Exception {
    try (VictoriaMetrics vm = VictoriaMetrics.start(dir, "webhook", "s3cret")) {
      long now = System.currentTimeMillis() / 1000;
      StringBuilder history = new StringBuilder();
      for (String host : List.of("web-1", "web-2")) {
        for (long t = (now - 4200) / STEP * STEP; t <= now; t += STEP) {
          history
              .append("e2e_cpu_busy_percent{instance=\"")
              .append(host)
              .append(":9110\",job=\"node\"} ")
              .append(cpu(host, t))
              .append(' ')
              .append(t * 1000)
              .append('\n');
        }
      }
      vm.importPrometheus(history.toString());
      String url = vm.url() + "/prometheus";

      Path password = dir.resolve("vm-password");
      Files.writeString(password, "s3cret\n");
      assertSeriesAtTheirOwnTimestamps(url, password, now);
      assertCredentialsAreAskedFor(url, now);

      Path config = dir.resolve("alert-webhook.yml");
      Files.writeString(
          config,
          "prometheus:\n  url: '"
              + url
              + "'\n  basic_auth: {username: webhook, password_file: vm-password}\n"
              + "time_zone: UTC\n");
      Path payload = dir.resolve("payload.json");
      Files.writeString(payload, payload("e2e_cpu_busy_percent > 80"));
      Path out = dir.resolve("preview");
      RealProcess preview =
          RealProcess.start(
              "preview",
              dir,
              RealProcess.javaJar(
                  ModuleJars.of("alert-webhook"),
                  "--config.file=" + config,
                  "preview",
                  "--payload",
                  payload.toString(),
                  "--output",
                  out.toString()));
      assertTrue(preview.process().waitFor(60, TimeUnit.SECONDS), "preview hung");
      assertEquals(0, preview.process().exitValue(), preview.log());
      assertFalse(preview.log().contains("left out"), preview.log());
      BufferedImage chart = ImageIO.read(out.resolve("chart-1.png").toFile());
      assertNotNull(chart, "chart-1.png is not an image\n" + preview.log());
      assertTrue(chart.getWidth() > 0 && chart.getHeight() > 0);
      assertTrue(Files.readString(out.resolve("email.html")).contains("cid:chart-0@hostwatch"));
    }
  }

  private static void assertSeriesAtTheirOwnTimestamps(String url, Path password, long now)
      throws Exception {
    RangeQueries queries =
        new RangeQueries(
            new PrometheusConfig(
                url,
                new PrometheusConfig.BasicAuth("webhook", null, password),
                null,
                null,
                null,
                Duration.ofSeconds(10)));
    Instant end = Instant.ofEpochSecond(now);
    List<RangeQueries.Series> series =
        queries.queryRange(
            "e2e_cpu_busy_percent", end.minus(Duration.ofHours(1)), end, Duration.ofSeconds(15));
    assertEquals(2, series.size(), series.toString());
    for (RangeQueries.Series s : series) {
      assertEquals("node", s.labels().get("job"), s.labels().toString());
      String host = s.labels().get("instance").replace(":9110", "");
      assertTrue(s.times().size() >= 230, s.times().size() + " points");
      for (int i = 0; i < s.times().size(); i++) {
        long t = s.times().get(i).getEpochSecond();
        // the newest half minute may repeat an older value: VictoriaMetrics' latency offset
        if (t < now - 60) {
          assertEquals(cpu(host, t), s.values().get(i), host + " at " + t);
        }
      }
    }
  }

  private static void assertCredentialsAreAskedFor(String url, long now) throws Exception {
    RangeQueries anonymous =
        new RangeQueries(new PrometheusConfig(url, null, null, null, null, Duration.ofSeconds(10)));
    Instant end = Instant.ofEpochSecond(now);
    PromQueryException e =
        assertThrows(
            PromQueryException.class,
            () ->
                anonymous.queryRange(
                    "e2e_cpu_busy_percent",
                    end.minus(Duration.ofHours(1)),
                    end,
                    Duration.ofSeconds(15)));
    assertTrue(e.getMessage().contains("HTTP 401 (check the credentials)"), e.getMessage());
    assertFalse(e.retryable());
  }

  /** A firing HostHighCpu on web-1 whose generatorURL carries {@code expr}. */
  private static String payload(String expr) {
    String generator =
        "http://127.0.0.1:9090/graph?g0.expr="
            + URLEncoder.encode(expr, StandardCharsets.UTF_8)
            + "&g0.tab=1";
    return "{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"receiver\":\"ops\","
        + "\"groupLabels\":{\"alertname\":\"HostHighCpu\"},"
        + "\"commonLabels\":{\"alertname\":\"HostHighCpu\"},\"commonAnnotations\":{},"
        + "\"externalURL\":\"http://127.0.0.1:9093\",\"truncatedAlerts\":0,"
        + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HostHighCpu\","
        + "\"instance\":\"web-1:9110\",\"job\":\"node\"},\"annotations\":{\"summary\":\"busy\"},"
        + "\"startsAt\":\"2026-01-01T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
        + "\"generatorURL\":\""
        + generator
        + "\",\"fingerprint\":\"fp-web-1\"}]}";
  }
}
