package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus from Debian (a Go TLS client, as every real scraper is) scrapes a server with
 * TLS, client certificates and basic auth: the right credentials give {@code up 1}; a wrong
 * password, no client certificate and plain HTTP each give {@code up 0}.
 */
class WebConfigPrometheusIT {
  @TempDir Path dir;

  @Test
  void prometheusScrapesThroughTlsClientCertsAndBasicAuth() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    WebFixtures.copyTo(dir);
    String users = "basic_auth_users:\n  alice: '" + WebFixtures.users().get("alice") + "'\n";
    String webConfig =
        "tls_server_config:\n"
            + "  cert_file: server.pem\n"
            + "  key_file: server.key\n"
            + "  client_auth_type: VerifyClientCertIfGiven\n"
            + "  client_ca_file: ca.pem\n"
            + users;
    try (WebServer server =
        WebServer.builder("test")
            .webConfigFile(WebFixtures.writeConfig(dir, webConfig))
            .route(
                "/metrics",
                exchange -> {
                  byte[] body = "hostwatch_test_value 42\n".getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                  exchange.sendResponseHeaders(200, body.length);
                  exchange.getResponseBody().write(body);
                  exchange.close();
                })
            .start()) {
      String target = "127.0.0.1:" + server.port();
      java.nio.file.Files.writeString(dir.resolve("prometheus.yml"), prometheusConfig(target));
      int port = FreePorts.next();
      try (RealProcess p =
          RealProcess.start(
              "prometheus",
              dir,
              List.of(
                  prometheus.toString(),
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port))) {
        p.awaitReady("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(60));
        Map<String, String> expected =
            Map.of("good", "1", "wrong-password", "0", "untrusted-cert", "0", "plain-http", "0");
        // The first scrape may time out while the JVM warms up its TLS code: wait for the state.
        Map<String, String> up = awaitUp(port, expected, Duration.ofSeconds(60));
        assertEquals(expected, up, () -> lastErrors(port));
      }
    }
  }

  private String prometheusConfig(String target) {
    String tls =
        "    tls_config:\n"
            + "      ca_file: ca.pem\n"
            + "      cert_file: CERT.pem\n"
            + "      key_file: CERT.key\n";
    return "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\nscrape_configs:\n"
        + job("good", "https", tls.replace("CERT", "client"), "alice-secret", target)
        + job("wrong-password", "https", tls.replace("CERT", "client"), "wrong", target)
        + job(
            "untrusted-cert", "https", tls.replace("CERT", "rogue-client"), "alice-secret", target)
        + job("plain-http", "http", "", "alice-secret", target);
  }

  private static String job(String name, String scheme, String tls, String password, String t) {
    return "  - job_name: "
        + name
        + "\n    scheme: "
        + scheme
        + "\n"
        + tls
        + "    basic_auth: {username: alice, password: "
        + password
        + "}\n    static_configs: [{targets: ['"
        + t
        + "']}]\n";
  }

  /** Each target's last scrape error, to say why a job is down. */
  private static String lastErrors(int port) {
    try {
      HttpResponse<String> r =
          WebFixtures.plainClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/targets"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      StringBuilder sb = new StringBuilder();
      for (JsonNode t : new ObjectMapper().readTree(r.body()).path("data").path("activeTargets")) {
        sb.append(t.path("labels").path("job").asText())
            .append(": ")
            .append(t.path("lastError").asText())
            .append('\n');
      }
      return sb.toString();
    } catch (Exception e) {
      return "(targets unavailable: " + e + ")";
    }
  }

  /** Polls {@code up} until it is {@code expected}, or the timeout; returns the last seen. */
  private static Map<String, String> awaitUp(
      int port, Map<String, String> expected, Duration timeout) throws Exception {
    HttpClient client = WebFixtures.plainClient();
    ObjectMapper json = new ObjectMapper();
    Map<String, String> up = new TreeMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=up"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      up.clear();
      for (JsonNode s : json.readTree(r.body()).path("data").path("result")) {
        up.put(s.path("metric").path("job").asText(), s.path("value").path(1).asText());
      }
      if (up.equals(expected)) {
        return up;
      }
      Thread.sleep(500);
    }
    return up;
  }
}
