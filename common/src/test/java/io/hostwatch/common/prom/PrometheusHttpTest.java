package io.hostwatch.common.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.testing.HostileAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared client against local listeners that behave as a hostile or broken server would. */
class PrometheusHttpTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> otherHostRequests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  private HttpServer server() throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    s.setExecutor(Executors.newCachedThreadPool());
    servers.add(s);
    return s;
  }

  private static String url(HttpServer s) {
    return "http://127.0.0.1:" + s.getAddress().getPort();
  }

  private static PrometheusHttp client(String url, String auth, Duration timeout, long cap) {
    PrometheusConfig.BasicAuth basic =
        auth == null ? null : new PrometheusConfig.BasicAuth(auth, "secret", null);
    return new PrometheusHttp(new PrometheusConfig(url, basic, null, null, null, timeout), cap);
  }

  @Test
  void aRedirectToAnotherOriginIsNotFollowedAndCarriesNoCredentials() throws Exception {
    HttpServer other = server();
    other.createContext(
        "/",
        ex -> {
          otherHostRequests.add(
              ex.getRequestURI() + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    other.start();
    HttpServer prom = server();
    prom.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Location", url(other) + "/internal/admin/delete?id=42");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    prom.start();
    PromQueryException e =
        assertThrows(
            PromQueryException.class,
            () -> client(url(prom), "u", Duration.ofSeconds(5), 1 << 20).get("/api/v1/query"));
    assertTrue(e.getMessage().contains("another origin"), e.getMessage());
    assertFalse(e.retryable());
    assertEquals(List.of(), otherHostRequests);
  }

  @Test
  void aRedirectWithinTheOriginIsFollowedWithCredentials() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer prom = server();
    prom.createContext(
        "/",
        ex -> {
          seen.add(ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("Authorization"));
          if (ex.getRequestURI().getPath().startsWith("/prometheus/")) {
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
          } else {
            ex.getResponseHeaders().set("Location", "/prometheus" + ex.getRequestURI());
            ex.sendResponseHeaders(307, -1);
          }
          ex.close();
        });
    prom.start();
    byte[] body = client(url(prom), "u", Duration.ofSeconds(5), 1 << 20).get("/api/v1/query?x=1");
    assertEquals("ok", new String(body, StandardCharsets.UTF_8));
    assertEquals(2, seen.size(), seen.toString());
    assertTrue(seen.get(1).startsWith("/prometheus/api/v1/query?x=1 Basic "), seen.toString());
  }

  @Test
  void anAnswerOverTheCapIsRefusedWithoutReadingItAll() throws Exception {
    HttpServer prom = server();
    prom.createContext(
        "/",
        ex -> {
          try (ex) {
            HostileAnswers.endlessMatrix(ex, 640);
          } catch (IOException closedByClient) {
            // the client gave up, as it should
          }
        });
    prom.start();
    PromQueryException e =
        assertThrows(
            PromQueryException.class,
            () -> client(url(prom), null, Duration.ofSeconds(30), 1 << 20).get("/api/v1/query"));
    assertTrue(e.getMessage().contains("larger than 1048576 bytes"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void aServerThatDripsItsBodyIsCutOffAtTheDeadline() throws Exception {
    HttpServer prom = server();
    prom.createContext(
        "/",
        ex -> {
          try (ex) {
            HostileAnswers.drip(ex, 1000);
          } catch (IOException stopped) {
            // the client hung up
          }
        });
    prom.start();
    long start = System.nanoTime();
    PromQueryException e =
        assertThrows(
            PromQueryException.class,
            () -> client(url(prom), null, Duration.ofSeconds(2), 1 << 20).get("/api/v1/query"));
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(e.getMessage().contains("no complete answer within PT2S"), e.getMessage());
    // A guard against the old behaviour (waiting for all 1,000 bytes), not a speed figure.
    assertTrue(seconds < 60, seconds + " s");
  }

  @Test
  void originComparisonUsesDefaultPorts() {
    assertTrue(PrometheusHttp.sameOrigin(URI.create("http://a:80/x"), URI.create("http://A/y")));
    assertFalse(
        PrometheusHttp.sameOrigin(URI.create("http://a:9090"), URI.create("http://a:9091/")));
    assertFalse(PrometheusHttp.sameOrigin(URI.create("https://a"), URI.create("http://a:443")));
  }
}
