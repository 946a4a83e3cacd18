package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.common.prom.PrometheusHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared Prometheus client through TLS with a client certificate, against our own HTTPS server
 * requiring one: the same PEM files and key formats the web config accepts.
 */
class PrometheusHttpTlsTest {
  @TempDir Path dir;

  @BeforeEach
  void copyFixtures() throws Exception {
    WebFixtures.copyTo(dir);
  }

  private WebServer start() throws Exception {
    return WebServer.builder("test")
        .webConfigFile(
            WebFixtures.writeConfig(
                dir,
                "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n"
                    + "  client_ca_file: ca.pem\n  client_auth_type: RequireAndVerifyClientCert\n"))
        .route("/api/v1/query", exchange -> HealthHandlers.respond(exchange, 200, "ok"))
        .start();
  }

  private PrometheusHttp client(WebServer server, String key) {
    PrometheusConfig.TlsConfig tls =
        new PrometheusConfig.TlsConfig(
            dir.resolve("ca.pem"),
            key == null ? null : dir.resolve("client.pem"),
            key == null ? null : dir.resolve(key),
            "localhost",
            null);
    return new PrometheusHttp(
        new PrometheusConfig(
            "https://127.0.0.1:" + server.port(), null, null, null, tls, Duration.ofSeconds(10)),
        1 << 20);
  }

  @Test
  void aClientCertificateFromPemGetsThrough() throws Exception {
    try (WebServer server = start()) {
      byte[] body = client(server, "client.key").get("/api/v1/query");
      assertEquals("ok", new String(body, StandardCharsets.UTF_8));
    }
  }

  @Test
  void withoutTheCertificateTheServerRefuses() throws Exception {
    try (WebServer server = start()) {
      assertThrows(PromQueryException.class, () -> client(server, null).get("/api/v1/query"));
    }
  }
}
