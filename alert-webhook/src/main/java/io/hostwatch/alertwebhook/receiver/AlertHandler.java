package io.hostwatch.alertwebhook.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.alertwebhook.WebhookMetrics;
import io.hostwatch.alertwebhook.spool.Outbox;
import io.hostwatch.common.web.HealthHandlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code POST /alert} and {@code /alert/<receiver>}: validates the Alertmanager payload and answers
 * 200 only once it is fsync'd in the outbox. A bad payload is the sender's problem (4xx, never 5xx,
 * so Alertmanager does not retry it forever); a full or broken disk is ours (503, so it does).
 */
public final class AlertHandler implements HttpHandler {
  private static final Logger logger = Logger.getLogger(AlertHandler.class.getName());
  private static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9_.:@+-]{1,200}");

  private final Outbox outbox;
  private final long maxBodyBytes;
  private final WebhookMetrics metrics;
  private final Runnable onQueued;
  private final Clock clock;

  public AlertHandler(
      Outbox outbox, long maxBodyBytes, WebhookMetrics metrics, Runnable onQueued, Clock clock) {
    this.outbox = outbox;
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
    this.onQueued = onQueued;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String receiver = receiverOf(exchange.getRequestURI().getPath());
      if (receiver == null) {
        HealthHandlers.respond(exchange, 404, "not found (expected /alert or /alert/<receiver>)\n");
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        HealthHandlers.respond(exchange, 405, "method not allowed (expected POST)\n");
        return;
      }
      metrics.received();
      accept(exchange, receiver);
    } catch (RuntimeException e) {
      // A bug must not take the service down; the sender retries on 5xx.
      logger.log(Level.SEVERE, "unexpected error handling a webhook", e);
      HealthHandlers.respond(exchange, 500, "internal error\n");
    }
  }

  private void accept(HttpExchange exchange, String receiver) throws IOException {
    byte[] body = readLimited(exchange);
    if (body == null) {
      reject(exchange, 413, "request body over " + maxBodyBytes + " bytes");
      return;
    }
    try {
      PayloadParser.parse(body);
    } catch (BadPayloadException e) {
      reject(exchange, 400, e.getMessage());
      return;
    }
    try {
      outbox.append(receiver, body, clock.instant());
    } catch (IOException e) {
      logger.log(Level.SEVERE, "cannot write the outbox in " + outbox.directory(), e);
      reject(exchange, 503, "outbox unavailable, retry later");
      return;
    }
    metrics.queued();
    onQueued.run();
    HealthHandlers.respond(exchange, 200, "queued\n");
  }

  private void reject(HttpExchange exchange, int code, String reason) throws IOException {
    metrics.rejected(code);
    logger.fine(() -> "rejected webhook with " + code + ": " + reason);
    HealthHandlers.respond(exchange, code, reason + "\n");
  }

  /**
   * The body, or null when it is over the limit. An oversized body is still drained (up to a cap)
   * so the client reads our 413 rather than a reset connection.
   */
  private byte[] readLimited(HttpExchange exchange) throws IOException {
    long drainCap = maxBodyBytes * 8;
    InputStream in = exchange.getRequestBody();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.trim().matches("\\d{1,18}")) {
      long declared = Long.parseLong(length.trim());
      if (declared > drainCap) {
        return null;
      }
      if (declared <= maxBodyBytes) {
        // Alertmanager always sends a length: one array of exactly that size, no copies. At
        // hundreds of requests a second the copies were a good part of the garbage.
        return in.readNBytes((int) declared);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0 && total <= drainCap; ) {
      total += n;
      if (total <= maxBodyBytes) {
        out.write(buf, 0, n);
      }
    }
    return total > maxBodyBytes ? null : out.toByteArray();
  }

  /** "" for /alert, the name for /alert/name, null for anything else. */
  static String receiverOf(String path) {
    if (path.equals("/alert") || path.equals("/alert/")) {
      return "";
    }
    if (!path.startsWith("/alert/")) {
      return null;
    }
    String name = path.substring("/alert/".length());
    return RECEIVER.matcher(name).matches() ? name : null;
  }
}
