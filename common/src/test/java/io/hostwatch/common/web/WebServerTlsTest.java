package io.hostwatch.common.web;

import static io.hostwatch.common.web.WebFixtures.get;
import static io.hostwatch.common.web.WebFixtures.tlsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A real HTTPS server on 127.0.0.1:0, called with java.net.http.HttpClient. */
class WebServerTlsTest {
  @TempDir Path dir;

  @BeforeEach
  void copyFixtures() throws IOException {
    WebFixtures.copyTo(dir);
  }

  private WebServer start(String yaml) throws Exception {
    return WebServer.builder("test")
        .webConfigFile(WebFixtures.writeConfig(dir, yaml))
        .route("/hello", exchange -> HealthHandlers.respond(exchange, 200, "hello\n"))
        .start();
  }

  @ParameterizedTest(name = "{0} + {1}")
  @CsvSource({
    "server.pem, server.key", // PKCS#8 RSA
    "server.pem, server-pkcs1.key", // PKCS#1 RSA
    "server-ec.pem, server-ec-sec1.key", // SEC1 EC after an EC PARAMETERS block
    "server-ec.pem, server-ec.key", // PKCS#8 EC
    "server-ed25519.pem, server-ed25519.key", // PKCS#8 Ed25519
  })
  void servesTlsTrustedByTheTestCa(String cert, String key) throws Exception {
    try (WebServer server =
        start("tls_server_config:\n  cert_file: " + cert + "\n  key_file: " + key + "\n")) {
      assertEquals("https", server.scheme());
      HttpResponse<String> r = get(tlsClient(null), server, "/hello");
      assertEquals(200, r.statusCode());
      assertEquals("hello\n", r.body());
      assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
    }
  }

  @Test
  void inlinePemWorksLikeFiles() throws Exception {
    String cert = java.nio.file.Files.readString(dir.resolve("server.pem")).indent(4);
    String key = java.nio.file.Files.readString(dir.resolve("server.key")).indent(4);
    try (WebServer server = start("tls_server_config:\n  cert: |\n" + cert + "  key: |\n" + key)) {
      assertEquals(200, get(tlsClient(null), server, "/-/healthy").statusCode());
    }
  }

  @Test
  void plainHttpToTheTlsPortIsRefused() throws Exception {
    try (WebServer server =
        start("tls_server_config: {cert_file: server.pem, key_file: server.key}\n")) {
      String uri = "http://127.0.0.1:" + server.port() + "/hello";
      assertThrows(
          IOException.class,
          () ->
              WebFixtures.plainClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri))
                          .timeout(java.time.Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()));
      // On the wire: the server closes without ever answering in HTTP.
      String answer = rawPlainRequest(server.port());
      assertFalse(answer.startsWith("HTTP/"), "plain HTTP got an HTTP answer: " + answer);
      // ...and it still serves TLS afterwards.
      assertEquals(200, get(tlsClient(null), server, "/hello").statusCode());
    }
  }

  private static String rawPlainRequest(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256];
      StringBuilder got = new StringBuilder();
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
      } catch (SocketException e) {
        // a reset is a refusal too
      } catch (SocketTimeoutException e) {
        throw new AssertionError("server neither answered nor closed within 10 s", e);
      }
      return got.toString();
    }
  }

  @Test
  void minVersionTls13RefusesATls12Client() throws Exception {
    try (WebServer server =
        start(
            "tls_server_config: {cert_file: server.pem, key_file: server.key, min_version:"
                + " TLS13}\n")) {
      assertThrows(IOException.class, () -> get(tlsClient(null, "TLSv1.2"), server, "/hello"));
      assertEquals(200, get(tlsClient(null, "TLSv1.3"), server, "/hello").statusCode());
    }
  }

  @Test
  void maxVersionTls12IsHonoured() throws Exception {
    try (WebServer server =
        start(
            "tls_server_config: {cert_file: server.pem, key_file: server.key, max_version:"
                + " TLS12, cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]}\n")) {
      HttpResponse<String> r = get(tlsClient(null), server, "/hello");
      assertEquals("TLSv1.2", r.sslSession().orElseThrow().getProtocol());
      assertEquals(
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", r.sslSession().orElseThrow().getCipherSuite());
    }
  }

  private static final String VERIFY =
      "tls_server_config:\n"
          + "  cert_file: server.pem\n"
          + "  key_file: server.key\n"
          + "  client_ca_file: ca.pem\n"
          + "  client_auth_type: ";

  @Test
  void requireAndVerifyClientCertNeedsACertFromTheClientCa() throws Exception {
    try (WebServer server = start(VERIFY + "RequireAndVerifyClientCert\n")) {
      assertEquals(200, get(tlsClient("client.p12"), server, "/hello").statusCode());
      assertThrows(IOException.class, () -> get(tlsClient(null), server, "/hello"));
      assertThrows(IOException.class, () -> get(tlsClient("rogue-client.p12"), server, "/hello"));
      assertEquals(200, get(tlsClient("client.p12"), server, "/hello").statusCode());
    }
  }

  @Test
  void verifyClientCertIfGivenLetsCertlessClientsIn() throws Exception {
    try (WebServer server = start(VERIFY + "VerifyClientCertIfGiven\n")) {
      assertEquals(200, get(tlsClient(null), server, "/hello").statusCode());
      assertEquals(200, get(tlsClient("client.p12"), server, "/hello").statusCode());
      assertThrows(IOException.class, () -> get(tlsClient("rogue-client.p12"), server, "/hello"));
    }
  }

  @Test
  void requireAnyClientCertTakesAnyCertificateButNeedsOne() throws Exception {
    try (WebServer server =
        start(
            "tls_server_config: {cert_file: server.pem, key_file: server.key, client_auth_type:"
                + " RequireAnyClientCert}\n")) {
      assertEquals(200, get(tlsClient("rogue-client.p12"), server, "/hello").statusCode());
      assertThrows(IOException.class, () -> get(tlsClient(null), server, "/hello"));
    }
  }

  @Test
  void clientAllowedSansMustMatchTheClientCertificate() throws Exception {
    try (WebServer server =
        start(VERIFY + "RequireAndVerifyClientCert\n  client_allowed_sans: [scraper.example]\n")) {
      assertEquals(200, get(tlsClient("client.p12"), server, "/hello").statusCode());
    }
    try (WebServer server =
        start(VERIFY + "RequireAndVerifyClientCert\n  client_allowed_sans: [other.example]\n")) {
      assertThrows(IOException.class, () -> get(tlsClient("client.p12"), server, "/hello"));
    }
  }

  @Test
  void aRenewedCertificateIsServedWithoutRestartAndABrokenOneIsIgnored() throws Exception {
    Path cert = dir.resolve("live.pem");
    Path key = dir.resolve("live.key");
    Files.copy(dir.resolve("server.pem"), cert);
    Files.copy(dir.resolve("server.key"), key);
    try (WebServer server =
        start("tls_server_config: {cert_file: live.pem, key_file: live.key}\n")) {
      assertEquals("RSA", peerKeyAlgorithm(server));
      // Renew: another certificate and key (EC this time), with a later modification time.
      replace(dir.resolve("server-ec.pem"), cert);
      replace(dir.resolve("server-ec.key"), key);
      assertEquals("EC", peerKeyAlgorithm(server));
      // A half-written renewal does not take the server down: the last good pair stays.
      replace(dir.resolve("not-a-cert.pem"), cert);
      assertEquals("EC", peerKeyAlgorithm(server));
    }
  }

  private static void replace(Path from, Path to) throws IOException {
    FileTime before = Files.getLastModifiedTime(to);
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(to, FileTime.fromMillis(before.toMillis() + 2000));
  }

  /** A new client, so a new handshake, and the algorithm of the key the server presented. */
  private static String peerKeyAlgorithm(WebServer server) throws Exception {
    HttpResponse<String> r = get(tlsClient(null), server, "/hello");
    assertEquals(200, r.statusCode());
    return r.sslSession().orElseThrow().getPeerCertificates()[0].getPublicKey().getAlgorithm();
  }

  @Test
  void aBadWebConfigFileFailsTheBuilderBeforeAnythingBinds() throws Exception {
    Path file = WebFixtures.writeConfig(dir, "basic_auth_users: {alice: secret}\n");
    var e =
        assertThrows(
            io.hostwatch.common.config.ConfigException.class,
            () -> WebServer.builder("test").webConfigFile(file));
    assertEquals(
        file
            + ":1:27: basic_auth_users.alice: not a bcrypt hash (expected $2a$, $2b$ or $2y$, a"
            + " two-digit cost and 53 characters, as written by: htpasswd -nBC 10 \"\" | tr -d"
            + " ':\\n')",
        e.getMessage());
  }

  @Test
  void withoutAWebConfigFileTheServerIsPlainHttp() throws Exception {
    try (WebServer server = WebServer.builder("test").webConfigFile(null).start()) {
      assertEquals("http", server.scheme());
      HttpResponse<String> r = get(WebFixtures.plainClient(), server, "/-/healthy");
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("Healthy"));
    }
  }
}
