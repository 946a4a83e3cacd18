package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.HostileAnswers;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecaster jar, with the launcher's heap flags, against a "Prometheus" that answers as a
 * hostile or broken one would: 15,000 sparse series over a week at 5 m steps, a 600 MB body, a body
 * dripped a byte a second, a redirect to another host, and one that answers well once (NaN and +Inf
 * among the values) and then only with cut-off bodies and 503s. After all of them the process is
 * alive, each failure is counted, the bearer token never reached the other host, and the good run's
 * forecasts are still served, their age growing.
 */
class HostilePrometheusIT {
  private static final List<String> LAUNCHER_JVM =
      List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
  private static final int SPARSE_SERIES = 15_000;

  @TempDir Path dir;
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> otherHost = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private HttpServer listen(com.sun.net.httpserver.HttpHandler handler) throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    s.setExecutor(Executors.newCachedThreadPool());
    s.createContext("/", handler);
    s.start();
    servers.add(s);
    return s;
  }

  @Test
  void survivesAndCountsEveryHostileAnswer() throws Exception {
    HttpServer other =
        listen(
            ex -> {
              otherHost.add(
                  ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization"));
              ex.sendResponseHeaders(500, -1);
              ex.close();
            });
    String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort();
    HttpServer prometheus =
        listen(
            ex -> {
              try (ex) {
                Map<String, String> params = params(ex);
                String query = params.getOrDefault("query", "");
                if (query.contains("flaky")) {
                  flaky(ex, params);
                } else if (query.contains("sparse")) {
                  sparse(ex, Long.parseLong(params.get("end")));
                } else if (query.contains("huge")) {
                  HostileAnswers.endlessMatrix(ex, 600);
                } else if (query.contains("drip")) {
                  HostileAnswers.drip(ex, 900);
                } else {
                  ex.getResponseHeaders().set("Location", otherUrl + "/api/v1/query_range");
                  ex.sendResponseHeaders(302, -1);
                }
              } catch (IOException clientGone) {
                // the forecaster hung up
              }
            });
    int port = FreePorts.next();
    Files.writeString(
        dir.resolve("forecaster.yml"),
        String.join(
            "\n",
            "prometheus:",
            "  url: http://127.0.0.1:" + prometheus.getAddress().getPort(),
            "  bearer_token: top-secret",
            "  timeout: 3s",
            "interval: 5s",
            "forecasts:",
            forecast("sparse", "sparse_metric"),
            forecast("huge", "huge_metric"),
            forecast("drip", "drip_metric"),
            forecast("redirect", "redirect_metric"),
            forecast("flaky", "flaky_metric"),
            ""));
    List<String> cmd =
        new ArrayList<>(
            RealProcess.javaJar(
                ModuleJars.of("forecaster"),
                "--config.file=" + dir.resolve("forecaster.yml"),
                "--web.listen-address=127.0.0.1:" + port));
    cmd.addAll(1, LAUNCHER_JVM);
    try (RealProcess fc =
        RealProcess.start("forecaster", dir, cmd)
            .awaitReady("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(180))) {
      String metrics = awaitMetrics(port, fc);
      assertTrue(fc.process().isAlive(), fc.log());
      assertTrue(
          sample(metrics, "hostwatch_forecaster_last_success_timestamp_seconds", "sparse") > 0,
          "the sparse answer was read:\n" + metrics);
      assertEquals(
          SPARSE_SERIES,
          sample(metrics, "hostwatch_forecaster_points_fetched_total", "sparse"),
          "one sample per series placed");
      for (String broken : List.of("huge", "drip", "redirect")) {
        assertTrue(
            sample(metrics, "hostwatch_forecaster_query_errors_total", broken) >= 1,
            broken + " counted as a query error:\n" + metrics);
      }
      assertEquals(List.of(), otherHost, "a request followed the redirect to another host");

      // good answers (NaN and +Inf among the values) for the first run, then only truncated
      // bodies and 503s: the first run's forecasts stay served, older and older
      String later = awaitFlakyFailures(port, fc);
      assertTrue(fc.process().isAlive(), fc.log());
      assertEquals(2, count(later, "hostwatch_forecast{", "flaky"), later);
      assertTrue(sample(later, "hostwatch_forecaster_query_errors_total", "flaky") >= 2, later);
      assertTrue(
          sample(later, "hostwatch_forecaster_forecast_age_seconds", "flaky") >= 5,
          "the served forecasts' age grows:\n" + later);
      assertTrue(fc.log().contains("another origin"), fc.log());
    }
  }

  private static String forecast(String name, String query) {
    return "  - name: "
        + name
        + "\n    query: "
        + query
        + "\n    lookback: 7d\n    step: 5m\n    horizons: [1h]";
  }

  /** The request's parameters, from the URL or, for a long query, the POSTed form. */
  private static Map<String, String> params(HttpExchange ex) throws IOException {
    String form = String.valueOf(ex.getRequestURI().getRawQuery());
    if (ex.getRequestMethod().equals("POST")) {
      form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : form.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  /**
   * 15,000 series with one sample each, at the end of the week: about 1 MB of JSON, whatever part
   * of them was asked for (the forecaster keeps only the hosts it asked for).
   */
  private static void sparse(HttpExchange ex, long end) throws IOException {
    StringBuilder b =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int i = 0; i < SPARSE_SERIES; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"metric\":{\"instance\":\"host-")
          .append(i)
          .append(":9100\"},\"values\":[[")
          .append(end)
          .append(",\"1\"]]}");
    }
    byte[] body = b.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  /** /metrics once every forecast has been tried at least once. */
  private String awaitMetrics(int port, RealProcess fc) throws Exception {
    String last = "";
    for (int i = 0; i < 240; i++) {
      assertTrue(fc.process().isAlive(), "forecaster died:\n" + fc.log());
      last =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (sample(last, "hostwatch_forecaster_query_errors_total", "redirect") >= 1
          && sample(last, "hostwatch_forecaster_query_errors_total", "drip") >= 1
          && sample(last, "hostwatch_forecaster_query_errors_total", "huge") >= 1) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not every forecast ran:\n" + last + "\n" + fc.log());
  }

  private final AtomicInteger flakyAnswers = new AtomicInteger();

  /**
   * Two hosts' week with a NaN and a +Inf in it, for the first run's two requests (the hosts, then
   * their series); after that a body cut off mid-series or a 503, in turn.
   */
  private void flaky(HttpExchange ex, Map<String, String> params) throws IOException {
    int n = flakyAnswers.getAndIncrement();
    if (n >= 2 && n % 2 == 1) {
      ex.sendResponseHeaders(503, -1);
      return;
    }
    long end = Long.parseLong(params.get("end"));
    long start = Long.parseLong(params.get("start"));
    long step = Long.parseLong(params.get("step"));
    StringBuilder b =
        new StringBuilder(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int h = 0; h < 2; h++) {
      b.append(h == 0 ? "" : ",")
          .append("{\"metric\":{\"instance\":\"flaky-")
          .append(h)
          .append(":9100\"},\"values\":[");
      int i = 0;
      for (long t = start; t <= end; t += step, i++) {
        String v =
            i == 100 ? "NaN" : i == 200 ? "+Inf" : String.valueOf(50 + 10 * Math.sin(i / 45.8));
        b.append(t == start ? "" : ",").append('[').append(t).append(",\"").append(v).append("\"]");
      }
      b.append("]}");
    }
    byte[] body = b.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    if (n >= 2) {
      body = java.util.Arrays.copyOf(body, body.length / 2); // cut off, length announced as sent
    }
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  /** /metrics once the flaky forecast has failed twice after its good run. */
  private String awaitFlakyFailures(int port, RealProcess fc) throws Exception {
    String last = "";
    for (int i = 0; i < 360; i++) { // bounded: 3 minutes; a failing run retries for 7 s
      assertTrue(fc.process().isAlive(), "forecaster died:\n" + fc.log());
      last =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (sample(last, "hostwatch_forecaster_query_errors_total", "flaky") >= 2) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the flaky forecast never failed twice:\n" + last + "\n" + fc.log());
  }

  /** Lines of {@code prefix...forecast="forecast"...} with a horizon of 1h. */
  private static long count(String metrics, String prefix, String forecast) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix) && l.contains("forecast=\"" + forecast + "\""))
        .filter(l -> l.contains("horizon=\"1h\""))
        .count();
  }

  /** The value of {@code name{forecast="forecast",...}}, 0 when absent. */
  private static double sample(String metrics, String name, String forecast) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("forecast=\"" + forecast + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
