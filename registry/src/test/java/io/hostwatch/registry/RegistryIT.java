package io.hostwatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as users run it, with a real Prometheus reading it through http_sd_configs:
 * exporters register with credentials, Prometheus reads the targets without.
 */
class RegistryIT {
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private RegistryProcess startRegistry(int port, String ttl) throws Exception {
    return RegistryProcess.start(dir, port, "--registry.ttl=" + ttl);
  }

  private HttpResponse<String> post(RegistryProcess registry, String body) throws Exception {
    return registry.register(RegistryProcess.ALICE, body);
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void registeredHostBecomesAPrometheusTargetAndSurvivesARestart() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    int port = FreePorts.next();
    int promPort = FreePorts.next();
    // The registry's own /metrics stands in for an exporter: any scrapeable address will do.
    String body =
        "{\"host_id\":\"host-a\",\"address\":\"127.0.0.1:"
            + port
            + "\",\"labels\":{\"role\":\"web\"}}";
    try (RegistryProcess registry = startRegistry(port, "2m")) {
      assertEquals(200, post(registry, body).statusCode());
      assertEquals(
          "[{\"targets\":[\"127.0.0.1:"
              + port
              + "\"],\"labels\":{\"role\":\"web\",\"host_id\":\"host-a\"}}]",
          get("http://127.0.0.1:" + port + "/api/v1/targets"));

      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global: {scrape_interval: 1s}",
              "scrape_configs:",
              "  - job_name: node",
              "    http_sd_configs:",
              "      - url: http://127.0.0.1:" + port + "/api/v1/targets",
              "        refresh_interval: 1s",
              ""));
      try (RealProcess prom =
          RealProcess.start(
                  "prometheus",
                  dir,
                  List.of(
                      prometheus.toString(),
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + dir.resolve("tsdb"),
                      "--web.listen-address=127.0.0.1:" + promPort))
              .awaitReady("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(30))) {
        String query =
            "http://127.0.0.1:"
                + promPort
                + "/api/v1/query?query=up%7Bhost_id%3D%22host-a%22%2Crole%3D%22web%22%7D";
        String result = "";
        for (int i = 0; i < 100 && !result.contains("\"1\"]"); i++) {
          Thread.sleep(200);
          result = get(query);
        }
        assertTrue(
            result.contains("\"1\"]"),
            "target not scraped via http_sd: " + result + "\n" + prom.log());
      }
    }
    // Restarted, it still serves what was registered.
    try (RegistryProcess registry = startRegistry(port, "2m")) {
      assertTrue(get("http://127.0.0.1:" + port + "/api/v1/targets").contains("host-a"));
    }
  }

  @Test
  void sigtermKeepsTheRegistrationsAndExitsCleanly() throws Exception {
    int port = FreePorts.next();
    try (RegistryProcess registry = startRegistry(port, "2m")) {
      assertEquals(
          200, post(registry, "{\"host_id\":\"h\",\"address\":\"127.0.0.1:1\"}").statusCode());
      assertEquals(0, registry.terminate(), "a SIGTERM stop is a clean exit\n" + registry.log());
    }
    try (RegistryProcess registry = startRegistry(port, "2m")) {
      assertTrue(
          get("http://127.0.0.1:" + port + "/api/v1/targets").contains("127.0.0.1:1"),
          "the registration survives the stop");
    }
  }

  @Test
  void rejectsBadRegistrationsAndKeepsServing() throws Exception {
    int port = FreePorts.next();
    try (RegistryProcess registry = startRegistry(port, "2m")) {
      HttpResponse<String> notJson = post(registry, "{nope");
      assertEquals(400, notJson.statusCode());
      HttpResponse<String> badAddress =
          post(registry, "{\"host_id\":\"h\",\"address\":\"nohost\"}");
      assertEquals(400, badAddress.statusCode());
      assertEquals("address: expected host:port, got \"nohost\"\n", badAddress.body());
      HttpResponse<String> badLabel =
          post(
              registry,
              "{\"host_id\":\"h\",\"address\":\"127.0.0.1:1\",\"labels\":{\"__x\":\"y\"}}");
      assertEquals(400, badLabel.statusCode());
      assertEquals("[]", get("http://127.0.0.1:" + port + "/api/v1/targets"));
      assertEquals(
          200, post(registry, "{\"host_id\":\"h\",\"address\":\"127.0.0.1:1\"}").statusCode());
    }
  }

  @Test
  void dropsHostsThatStopRenewing() throws Exception {
    int port = FreePorts.next();
    try (RegistryProcess registry = startRegistry(port, "2s")) {
      assertEquals(
          200, post(registry, "{\"host_id\":\"gone\",\"address\":\"127.0.0.1:1\"}").statusCode());
      assertTrue(get("http://127.0.0.1:" + port + "/api/v1/targets").contains("gone"));
      String targets = "";
      for (int i = 0; i < 50; i++) {
        Thread.sleep(200);
        targets = get("http://127.0.0.1:" + port + "/api/v1/targets");
        if (targets.equals("[]")) {
          break;
        }
      }
      assertEquals("[]", targets);
      assertTrue(
          get("http://127.0.0.1:" + port + "/metrics")
              .contains("hostwatch_registry_expired_total 1.0"));
    }
  }
}
