package io.hostwatch.common.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers a hostile or broken HTTP server gives, for local listeners that stand in for one: a body
 * that never ends and one that arrives a byte a second. Both stop when the client hangs up.
 */
public final class HostileAnswers {
  private HostileAnswers() {}

  /**
   * A query_range answer whose one series goes on for {@code megabytes} MB (chunked), unless the
   * client stops reading first.
   */
  public static void endlessMatrix(HttpExchange exchange, int megabytes) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    out.write(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
            .getBytes(StandardCharsets.US_ASCII));
    byte[] chunk = "[1,\"1\"],".repeat(1 << 17).getBytes(StandardCharsets.US_ASCII); // 1 MiB
    for (int i = 0; i < megabytes; i++) {
      out.write(chunk);
    }
  }

  /** Headers at once, then one byte a second for {@code seconds} seconds. */
  public static void drip(HttpExchange exchange, int seconds) throws IOException {
    exchange.sendResponseHeaders(200, seconds);
    OutputStream out = exchange.getResponseBody();
    try {
      for (int i = 0; i < seconds; i++) {
        out.write(' ');
        out.flush();
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
