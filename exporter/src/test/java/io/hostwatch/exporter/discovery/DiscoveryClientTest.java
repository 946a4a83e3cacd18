package io.hostwatch.exporter.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP registry on loopback. */
class DiscoveryClientTest {
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  @TempDir Path dir;
  private final AtomicInteger status = new AtomicInteger(200);
  private HttpServer registry;

  private URI startRegistry() throws IOException {
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext(
        "/api/v1/register",
        ex -> {
          String ct = ex.getRequestHeaders().getFirst("Content-Type");
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "none" : auth);
          bodies.add(
              ex.getRequestMethod()
                  + " "
                  + ct
                  + " "
                  + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(status.get(), -1);
          ex.close();
        });
    registry.start();
    return URI.create("http://127.0.0.1:" + registry.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.stop(0);
    }
  }

  @Test
  void postsHostIdAddressAndLabels() throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("team", "ops");
    labels.put("env", "prod \"eu\"");
    DiscoveryConfig config =
        new DiscoveryConfig(startRegistry(), null, labels, Duration.ofSeconds(30));
    DiscoveryClient client = new DiscoveryClient(config, "abc123", "10.0.0.5:9110");
    assertTrue(client.register());
    assertEquals(
        "POST application/json {\"host_id\":\"abc123\",\"address\":\"10.0.0.5:9110\","
            + "\"labels\":{\"env\":\"prod \\\"eu\\\"\",\"team\":\"ops\"}}",
        bodies.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void sendsTheCredentialsReadFromTheirFilesAtEachRegistration() throws Exception {
    URI url = startRegistry();
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
    DiscoveryCredentials basic = new DiscoveryCredentials("web-1", password, null);
    assertNull(basic.problem());
    new DiscoveryClient(
            new DiscoveryConfig(url, null, Map.of(), Duration.ofSeconds(30), basic), "id", "h:1")
        .register();
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString("web-1:s3cret".getBytes(UTF_8)),
        authorizations.poll(5, TimeUnit.SECONDS));

    Path token = Files.writeString(dir.resolve("token"), "tok-1\n");
    DiscoveryClient bearer =
        new DiscoveryClient(
            new DiscoveryConfig(
                url,
                null,
                Map.of(),
                Duration.ofSeconds(30),
                new DiscoveryCredentials(null, null, token)),
            "id",
            "h:1");
    bearer.register();
    assertEquals("Bearer tok-1", authorizations.poll(5, TimeUnit.SECONDS));
    Files.writeString(token, "tok-2"); // rotated: no restart needed
    bearer.register();
    assertEquals("Bearer tok-2", authorizations.poll(5, TimeUnit.SECONDS));

    new DiscoveryClient(
            new DiscoveryConfig(url, null, Map.of(), Duration.ofSeconds(30)), "id", "h:1")
        .register();
    assertEquals("none", authorizations.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void badCredentialFlagsAreNamed() throws Exception {
    Path missing = dir.resolve("missing");
    assertEquals(
        "--discovery.basic-auth-user and --discovery.basic-auth-password-file go together",
        new DiscoveryCredentials("u", null, null).problem());
    assertEquals(
        "--discovery.basic-auth-user and --discovery.bearer-token-file exclude each other",
        new DiscoveryCredentials("u", missing, missing).problem());
    assertTrue(
        new DiscoveryCredentials(null, null, missing)
            .problem()
            .startsWith("cannot read " + missing),
        "names the file");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertEquals(
        empty + ": empty (expected the secret)",
        new DiscoveryCredentials(null, null, empty).problem());
  }

  @Test
  void aRefusingRegistryIsAnErrorNotACrashAndIsRetried() throws Exception {
    status.set(503);
    DiscoveryConfig config =
        new DiscoveryConfig(startRegistry(), null, Map.of(), Duration.ofSeconds(1));
    try (DiscoveryClient client = new DiscoveryClient(config, "id", "h:1")) {
      assertThrows(IOException.class, client::register);
      bodies.clear();
      client.start();
      // Retried on the interval although every attempt failed.
      assertTrue(bodies.poll(10, TimeUnit.SECONDS) != null);
      assertTrue(bodies.poll(10, TimeUnit.SECONDS) != null);
    }
  }

  @Test
  void anUnreachableRegistryIsAnIoError() throws Exception {
    URI dead = startRegistry();
    registry.stop(0);
    registry = null;
    DiscoveryClient client =
        new DiscoveryClient(
            new DiscoveryConfig(dead, null, Map.of(), Duration.ofSeconds(30)), "id", "h:1");
    assertThrows(IOException.class, client::register);
  }
}
