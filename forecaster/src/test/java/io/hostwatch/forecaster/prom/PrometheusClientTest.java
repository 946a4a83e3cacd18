package io.hostwatch.forecaster.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a hand-written stand-in for Prometheus' query API on 127.0.0.1 (the real
 * Prometheus is exercised in ForecasterIT; this one can fail on demand and count requests).
 */
class PrometheusClientTest {
  private HttpServer server;
  private final List<String> queries = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failStatus = 503;

  /** Answers query_range with one series whose value at t is t, on the asked grid. */
  private PrometheusClient start(PrometheusConfig.BasicAuth auth) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/query_range",
        ex -> {
          String q = ex.getRequestURI().getRawQuery();
          synchronized (queries) {
            queries.add(q + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
          }
          byte[] body;
          int status = 200;
          if (failuresLeft.getAndDecrement() > 0) {
            status = failStatus;
            body =
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"nope\"}"
                    .getBytes(StandardCharsets.UTF_8);
          } else {
            Map<String, String> p = params(q);
            long start = Long.parseLong(p.get("start"));
            long end = Long.parseLong(p.get("end"));
            long step = Long.parseLong(p.get("step"));
            StringBuilder sb =
                new StringBuilder(
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"m\",\"instance\":\"a\"},\"values\":[");
            for (long t = start; t <= end; t += step) {
              sb.append(t == start ? "" : ",")
                  .append("[")
                  .append(t)
                  .append(",\"")
                  .append(t)
                  .append("\"]");
            }
            body = sb.append("]}]}}").toString().getBytes(StandardCharsets.UTF_8);
          }
          ex.sendResponseHeaders(status, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return new PrometheusClient(
        new PrometheusConfig(url, auth, null, null, null, Duration.ofSeconds(5)),
        3,
        Duration.ofMillis(10));
  }

  static Map<String, String> params(String q) {
    Map<String, String> m = new TreeMap<>();
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
  void longRangesAreChunkedUnderTheElevenThousandPointLimit() throws Exception {
    PrometheusClient c = start(null);
    long step = 60;
    long start = 1_000_000 * step;
    long end = start + 24_999 * step; // 25,000 points
    PrometheusClient.Result r = c.queryRange("m", start, end, step);
    assertEquals(3, queries.size());
    for (String q : queries) {
      Map<String, String> p = params(q.substring(0, q.indexOf(" auth=")));
      long points = (Long.parseLong(p.get("end")) - Long.parseLong(p.get("start"))) / step + 1;
      assertTrue(points <= 11_000, q);
    }
    assertEquals(25_000, r.points());
    PromSeries s = r.series().get(0);
    assertEquals(Map.of("instance", "a"), s.labels()); // __name__ dropped
    assertEquals(25_000, s.values().length);
    for (int i = 0; i < s.values().length; i++) {
      assertEquals(start + i * step, s.values()[i], "point " + i); // no gap, no overlap
    }
  }

  @Test
  void retriesAServerErrorThenSucceeds() throws Exception {
    PrometheusClient c = start(null);
    failuresLeft.set(2);
    PrometheusClient.Result r = c.queryRange("m", 600, 1200, 60);
    assertEquals(3, queries.size());
    assertEquals(11, r.series().get(0).values().length);
  }

  @Test
  void givesUpAfterItsAttemptsWithARetryableError() throws Exception {
    PrometheusClient c = start(null);
    failuresLeft.set(10);
    PromQueryException e =
        assertThrows(PromQueryException.class, () -> c.queryRange("m", 0, 60, 60));
    assertTrue(e.retryable());
    assertEquals(3, queries.size());
  }

  @Test
  void aBadQueryIsNotRetried() throws Exception {
    PrometheusClient c = start(null);
    failuresLeft.set(10);
    failStatus = 400;
    PromQueryException e =
        assertThrows(PromQueryException.class, () -> c.queryRange("m(", 0, 60, 60));
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("bad_data: nope"), e.getMessage());
    assertEquals(1, queries.size());
  }

  @Test
  void unreachableIsRetryable() throws Exception {
    PrometheusClient c =
        new PrometheusClient(
            new PrometheusConfig(
                "http://127.0.0.1:9", null, null, null, null, Duration.ofSeconds(2)),
            2,
            Duration.ofMillis(1));
    PromQueryException e =
        assertThrows(PromQueryException.class, () -> c.queryRange("m", 0, 60, 60));
    assertTrue(e.retryable());
  }

  @Test
  void sendsBasicAuth() throws Exception {
    PrometheusClient c = start(new PrometheusConfig.BasicAuth("u", "p", null));
    c.queryRange("m", 0, 60, 60);
    assertTrue(queries.get(0).endsWith("auth=Basic dTpw"), queries.get(0));
  }

  @Test
  void queryIsEncoded() throws Exception {
    String u = PrometheusClient.rangePath("a{b=~\"x|y\"}", 0, 60, 60);
    assertTrue(u.contains("query=a%7Bb%3D%7E%22x%7Cy%22%7D"), u);
  }

  @Test
  void parsesSpecialValues() {
    assertEquals(
        Double.POSITIVE_INFINITY, io.hostwatch.common.prom.PrometheusHttp.parseValue("+Inf"));
    assertEquals(
        Double.NEGATIVE_INFINITY, io.hostwatch.common.prom.PrometheusHttp.parseValue("-Inf"));
    assertTrue(Double.isNaN(io.hostwatch.common.prom.PrometheusHttp.parseValue("NaN")));
    assertEquals(1.5e9, io.hostwatch.common.prom.PrometheusHttp.parseValue("1.5e9"));
  }

  @Test
  void missingStepsStayNaN() throws Exception {
    Map<Map<String, String>, SampleBuffer> into = new java.util.LinkedHashMap<>();
    long placed =
        RangeResponseParser.parse(
            ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                    + "{\"metric\":{\"a\":\"1\"},\"values\":[[100,\"1\"],[160.0,\"3\"]]}]}}")
                .getBytes(StandardCharsets.UTF_8),
            100,
            30,
            3,
            into);
    assertEquals(2, placed);
    double[] v = into.get(Map.of("a", "1")).toGrid(3);
    assertEquals(1, v[0]);
    assertTrue(Double.isNaN(v[1]));
    assertEquals(3, v[2]);
  }
}
