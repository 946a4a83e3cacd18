package io.hostwatch.forecaster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.forecaster.config.ForecastConfig;
import io.hostwatch.forecaster.config.ForecasterConfig;
import io.hostwatch.forecaster.export.ForecastBatch;
import io.hostwatch.forecaster.export.ForecastCollector;
import io.hostwatch.forecaster.export.ForecastStore;
import io.hostwatch.forecaster.export.ServiceMetrics;
import io.hostwatch.forecaster.prom.PrometheusClient;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs of the service against a stand-in query API that can fail or lose series on demand. */
class ForecastServiceTest {
  private HttpServer server;

  /** "ok2", "ok1" (one series gone) or "down" (HTTP 503). */
  private final AtomicReference<String> mode = new AtomicReference<>("ok2");

  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  private static String series(String instance, long start, long end, long step) {
    StringBuilder sb =
        new StringBuilder(
            "{\"metric\":{\"__name__\":\"m\",\"instance\":\"" + instance + "\"},\"values\":[");
    for (long t = start; t <= end; t += step) {
      sb.append(t == start ? "" : ",")
          .append("[")
          .append(t)
          .append(",\"")
          .append(100 + (t / step) % 7)
          .append("\"]");
    }
    return sb.append("]}").toString();
  }

  private ForecastService service(ForecastStore store, ServiceMetrics metrics) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query_range",
        ex -> {
          var p = params(ex.getRequestURI().getRawQuery());
          long start = Long.parseLong(p.get("start"));
          long end = Long.parseLong(p.get("end"));
          long step = Long.parseLong(p.get("step"));
          String m = mode.get();
          String body =
              m.equals("down")
                  ? "down"
                  : "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                      + series("a", start, end, step)
                      + (m.equals("ok2") ? "," + series("b", start, end, step) : "")
                      + "]}}";
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(m.equals("down") ? 503 : 200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    PrometheusConfig pc =
        new PrometheusConfig(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            null,
            null,
            null,
            null,
            Duration.ofSeconds(5));
    ForecastConfig fc =
        new ForecastConfig(
            "cpu",
            "m",
            Duration.ofDays(1),
            Duration.ofMinutes(5),
            List.of(Duration.ofHours(1)),
            null,
            null,
            null,
            null,
            null);
    ForecasterConfig cfg = new ForecasterConfig(pc, Duration.ofMinutes(5), 2, null, List.of(fc));
    return new ForecastService(
        cfg, new PrometheusClient(pc, 2, Duration.ofMillis(1)), store, metrics, now::get);
  }

  static java.util.Map<String, String> params(String q) {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    for (String kv : q.split("&")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    return m;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void keepsTheLastGoodForecastsWhilePrometheusIsDownAndDropsVanishedSeries() throws Exception {
    ForecastStore store = new ForecastStore();
    ServiceMetrics metrics = new ServiceMetrics(store, now::get);
    metrics.registry().register(new ForecastCollector(store));
    try (ForecastService s = service(store, metrics)) {
      s.runAll();
      assertTrue(s.ready());
      ForecastBatch first = store.get("cpu");
      assertEquals(2, first.series().size());
      assertTrue(first.series().stream().noneMatch(x -> x.forecast().skipped()));

      mode.set("down");
      now.addAndGet(600_000);
      s.runAll();
      assertEquals(first, store.get("cpu"), "the previous batch stays served");
      String text = scrape(metrics);
      assertTrue(
          text.contains("hostwatch_forecaster_query_errors_total{forecast=\"cpu\"} 1.0"), text);
      assertTrue(
          text.contains("hostwatch_forecaster_forecast_age_seconds{forecast=\"cpu\"} 600.0"), text);
      assertTrue(
          text.contains("hostwatch_forecast{forecast=\"cpu\",horizon=\"1h\",instance=\"b\"}"),
          text);

      mode.set("ok1");
      s.runAll();
      assertEquals(1, store.get("cpu").series().size(), "series b vanished");
      text = scrape(metrics);
      assertTrue(
          text.contains("hostwatch_forecaster_forecast_age_seconds{forecast=\"cpu\"} 0.0"), text);
      assertTrue(text.contains("hostwatch_forecaster_series_fitted{forecast=\"cpu\"} 1.0"), text);
      assertTrue(
          text.contains("hostwatch_forecaster_points_fetched_total{forecast=\"cpu\"}"), text);
    }
  }

  private static String scrape(ServiceMetrics metrics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
