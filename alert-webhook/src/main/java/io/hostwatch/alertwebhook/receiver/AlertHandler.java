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
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code POST /alert} and {@code /alert/<receiver>}: validates the Alertmanager payload and answers
 * 200 only once it is fsync'd in the outbox. A bad payload is the sender's problem (4xx, never 5xx,
 * so Alertmanager does not retry it forever); a full or broken disk is ours (503, so it does).
 *
 * <p>The body is read before a work permit is taken ({@link #WORKERS} validate and append at once),
 * so clients that send their body slowly hold only their own connection, never the permits a normal
 * request waits for. The bytes being read across all requests are bounded by a budget taken as they
 * arrive: a slow client costs what it sent, and a flood of large bodies gets 503 instead of
 * exhausting the heap.
 */
public final class AlertHandler implements HttpHandler {
  private static final Logger logger = Logger.getLogger(AlertHandler.class.getName());
  private static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9_.:@+-]{1,200}");

  /** Requests validated and appended at once: CPU and fsync work, not waiting on clients. */
  static final int WORKERS = 8;

  /** Body bytes held in memory across all requests being read, in KiB. */
  static final int BODY_BUDGET_KIB = 64 << 10;

  private static final int CHUNK = 8192;

  private final Semaphore workers = new Semaphore(WORKERS, true);
  private final Semaphore bodyBudget = new Semaphore(BODY_BUDGET_KIB);

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
    BodyRead read = readLimited(exchange);
    try {
      if (read.outcome == BodyRead.Outcome.TOO_LARGE) {
        reject(exchange, 413, "request body over " + maxBodyBytes + " bytes");
        return;
      }
      if (read.outcome == BodyRead.Outcome.OVER_BUDGET) {
        reject(exchange, 503, "too many request bodies in flight, retry later");
        return;
      }
      workers.acquireUninterruptibly();
      try {
        validateAndQueue(exchange, receiver, read.body());
      } finally {
        workers.release();
      }
    } finally {
      bodyBudget.release(read.heldKib);
    }
  }

  /** A body as read, and the budget it holds until the request is answered. */
  private static final class BodyRead {
    enum Outcome {
      OK,
      TOO_LARGE,
      OVER_BUDGET
    }

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Outcome outcome = Outcome.OK;
    int heldKib;

    byte[] body() {
      return bytes.toByteArray();
    }
  }

  private void validateAndQueue(HttpExchange exchange, String receiver, byte[] body)
      throws IOException {
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
   * Reads the body, paying for each chunk kept from the body budget first. An oversized body is
   * still drained (up to a cap) so the client reads our 413 rather than a reset connection.
   */
  private BodyRead readLimited(HttpExchange exchange) throws IOException {
    BodyRead read = new BodyRead();
    long drainCap = maxBodyBytes * 8;
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null
        && length.trim().matches("\\d{1,18}")
        && Long.parseLong(length.trim()) > drainCap) {
      read.outcome = BodyRead.Outcome.TOO_LARGE;
      return read;
    }
    InputStream in = exchange.getRequestBody();
    byte[] buf = new byte[CHUNK];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0 && total <= drainCap; ) {
      total += n;
      if (total <= maxBodyBytes) {
        int kib = (n + 1023) / 1024;
        if (!bodyBudget.tryAcquire(kib)) {
          read.outcome = BodyRead.Outcome.OVER_BUDGET;
          return read;
        }
        read.heldKib += kib;
        read.bytes.write(buf, 0, n);
      }
    }
    if (total > maxBodyBytes) {
      read.outcome = BodyRead.Outcome.TOO_LARGE;
    }
    return read;
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
