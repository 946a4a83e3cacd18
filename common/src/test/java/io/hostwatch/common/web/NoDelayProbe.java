package io.hostwatch.common.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link JdkServerSettingsTest} in a JVM of its own, as a service starts: serves one request
 * with a {@link WebServer} and prints {@code TCP_NODELAY} of the connection the server accepted for
 * it, read from that socket. Needs {@code --add-opens jdk.httpserver/sun.net.httpserver}.
 */
final class NoDelayProbe {
  private NoDelayProbe() {}

  public static void main(String[] args) throws Exception {
    WebServer server = WebServer.builder("probe").route("/nodelay", NoDelayProbe::answer).start();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nodelay"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println(r.statusCode() + " " + r.body());
    System.out.flush();
    System.exit(0); // no grace period to wait for: the answer is out
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body;
    int status = 200;
    try {
      body = Boolean.toString(noDelay(exchange)).getBytes(StandardCharsets.UTF_8);
    } catch (ReflectiveOperationException | RuntimeException e) {
      status = 500;
      body = ("cannot reach the accepted socket: " + e).getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The option as the kernel has it on the socket, found through the JDK 17 server's fields. */
  private static boolean noDelay(HttpExchange exchange)
      throws ReflectiveOperationException, IOException {
    Object impl = field(exchange, "impl");
    Object connection = field(impl, "connection");
    SocketChannel channel = (SocketChannel) field(connection, "chan");
    return channel.getOption(StandardSocketOptions.TCP_NODELAY);
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(o.getClass().getName() + "." + name);
  }
}
