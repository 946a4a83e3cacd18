package io.hostwatch.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.exporter.collector.Collector;
import io.hostwatch.exporter.collector.ScrapeCoordinator;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serving path over real HTTP: client_java's handler on our WebServer, with our collectors. */
class MetricsEndpointTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  @BeforeEach
  void start() throws Exception {
    Map<String, Collector> collectors = new LinkedHashMap<>();
    collectors.put("fine", out -> out.gauge("node_fine", "A fine gauge.", 42));
    collectors.put("hang", out -> release.await());
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        new CollectorsMultiCollector(
            new ScrapeCoordinator(collectors, pool),
            Duration.ofSeconds(30),
            Duration.ofMillis(500)));
    server =
        WebServer.builder("exporter")
            .listenAddress(new ListenAddress("127.0.0.1", 0))
            .route("/metrics", new MetricsHandler(registry))
            .route("/", new LandingPageHandler("test", "/metrics"))
            .start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    pool.shutdownNow();
  }

  @Test
  void aHangingCollectorDoesNotHoldTheScrapeBeyondPrometheusTimeout() {
    HttpResponse<String> r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(25),
            () -> get("/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "1"),
            "the scrape must answer although a collector hangs");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("node_scrape_collector_success{collector=\"hang\"} 0"), r.body());
    assertTrue(r.body().contains("node_scrape_collector_success{collector=\"fine\"} 1"), r.body());
    assertTrue(r.body().contains("node_fine 42"), r.body());
  }

  @Test
  void openMetricsOnRequest() throws Exception {
    release.countDown();
    HttpResponse<String> r =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertTrue(
        r.headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/openmetrics-text"));
    assertTrue(r.body().endsWith("# EOF\n"), r.body());
  }

  @Test
  void landingPageLinksToMetricsAndUnknownPathsAre404() throws Exception {
    HttpResponse<String> r = get("/", "Accept", "text/html");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("<a href=\"metrics\">"), r.body());
    assertEquals(404, get("/nope", "Accept", "*/*").statusCode());
    assertEquals(200, get("/-/healthy", "Accept", "*/*").statusCode());
  }

  @Test
  void timeoutIsTheHeaderMinusTheOffset() {
    CollectorsMultiCollector c =
        new CollectorsMultiCollector(
            new ScrapeCoordinator(Map.of(), pool), Duration.ofSeconds(10), Duration.ofMillis(500));
    assertEquals(Duration.ofMillis(9500).toNanos(), c.timeoutNanos(null));
    assertEquals(Duration.ofMillis(2500).toNanos(), c.timeoutNanos("3"));
    assertEquals(Duration.ofMillis(200).toNanos(), c.timeoutNanos("0.4"));
    assertEquals(Duration.ofMillis(9500).toNanos(), c.timeoutNanos("soon"));
  }

  private HttpResponse<String> get(String path, String header, String value) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header(header, value)
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
