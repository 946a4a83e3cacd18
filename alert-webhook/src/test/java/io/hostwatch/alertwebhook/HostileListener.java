package io.hostwatch.alertwebhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.testing.HostileAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP listener standing in for a hostile or broken host: it records every request and
 * answers as told (a huge body, a drip, a redirect, a normal Prometheus matrix).
 */
final class HostileListener implements AutoCloseable {
  /** How to answer. */
  interface Behaviour {
    void answer(HttpExchange exchange) throws IOException;
  }

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  HostileListener(Behaviour behaviour) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          try (exchange) {
            behaviour.answer(exchange);
          } catch (IOException clientGone) {
            // the webhook hung up, which is what it should do with most of these answers
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An endless body: 600 MB unless the client stops reading. */
  static void hugeBody(HttpExchange exchange) throws IOException {
    HostileAnswers.endlessMatrix(exchange, 600);
  }

  /** Headers at once, then one byte a second for a quarter of an hour. */
  static void drip(HttpExchange exchange) throws IOException {
    HostileAnswers.drip(exchange, 900);
  }

  /** A one-series matrix of the last few minutes at 42. */
  static void matrix(HttpExchange exchange) throws IOException {
    long now = System.currentTimeMillis() / 1000;
    StringBuilder values = new StringBuilder();
    for (int i = 10; i >= 0; i--) {
      values.append(i == 10 ? "" : ",").append("[").append(now - i * 15).append(",\"42\"]");
    }
    byte[] body =
        ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                + "{\"instance\":\"web-1:9100\"},\"values\":["
                + values
                + "]}]}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
