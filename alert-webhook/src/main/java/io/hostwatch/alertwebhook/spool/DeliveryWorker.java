package io.hostwatch.alertwebhook.spool;

import io.hostwatch.alertwebhook.WebhookMetrics;
import io.hostwatch.alertwebhook.receiver.BadPayloadException;
import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.receiver.PayloadParser;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox, oldest first, on one thread: dedup check, deliver, then record and remove.
 *
 * <p>Order of durable steps per notification: {@code S} mark, send, {@code D} mark, mark it
 * finished in the outbox. A crash anywhere before {@code D} leaves it unfinished, so it is sent
 * again after restart (at-least-once); a crash between {@code D} and the finish note is harmless,
 * the restart finds the {@code D} mark and drops it as a duplicate.
 *
 * <p>A retryable failure backs off exponentially: per notification, and for everyone when the
 * server is unreachable (no point in trying 200 notifications against a refused port). After {@code
 * giveUpAfter} since receipt a notification is dead-lettered with its last error.
 */
public final class DeliveryWorker implements Runnable {
  private static final Logger logger = Logger.getLogger(DeliveryWorker.class.getName());

  private record Retry(int attempts, long nextMillis, String lastError) {}

  private final Outbox outbox;
  private final DedupStore dedup;
  private final Deliverer deliverer;
  private final WebhookMetrics metrics;
  private final Backoff backoff;
  private final Duration giveUpAfter;
  private final Clock clock;
  private final Semaphore wakeup = new Semaphore(0);
  private final Map<String, Retry> retries = new HashMap<>();
  private volatile boolean running = true;
  private long outageUntil;
  private int outageAttempts;
  private Thread thread;

  public DeliveryWorker(
      Outbox outbox,
      DedupStore dedup,
      Deliverer deliverer,
      WebhookMetrics metrics,
      Backoff backoff,
      Duration giveUpAfter,
      Clock clock) {
    this.outbox = outbox;
    this.dedup = dedup;
    this.deliverer = deliverer;
    this.metrics = metrics;
    this.backoff = backoff;
    this.giveUpAfter = giveUpAfter;
    this.clock = clock;
  }

  public synchronized void start() {
    thread = new Thread(this, "delivery-worker");
    thread.start();
  }

  /** Called by the receiver after a notification is queued. */
  public void wake() {
    wakeup.release();
  }

  /** Stops after the notification in flight; waits up to {@code grace} for it. */
  public void stop(Duration grace) throws InterruptedException {
    running = false;
    wakeup.release();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.join(grace.toMillis());
    }
  }

  @Override
  public void run() {
    while (running) {
      long sleepMillis;
      try {
        sleepMillis = drainOnce();
      } catch (IOException | RuntimeException e) {
        logger.log(Level.SEVERE, "delivery pass failed, retrying", e);
        sleepMillis = 1000;
      }
      try {
        wakeup.tryAcquire(Math.max(sleepMillis, 1), TimeUnit.MILLISECONDS);
        wakeup.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One pass over the outbox. Returns how long to sleep before the next pass unless woken: until
   * the earliest retry is due, at most a second.
   */
  long drainOnce() throws IOException {
    long start = clock.millis();
    if (start < outageUntil) {
      // Every queued notification wakes us; during an outage, copying the pending list for each
      // one would cost time per request that grows with the backlog, just when it is large.
      return outageUntil - start;
    }
    List<String> pending = outbox.pending();
    retries.keySet().retainAll(new HashSet<>(pending));
    Set<String> keysThisPass = new HashSet<>();
    long next = clock.millis() + 1000;
    for (String id : pending) {
      long now = clock.millis();
      if (!running) {
        break;
      }
      if (now < outageUntil) {
        return outageUntil - now;
      }
      Retry retry = retries.get(id);
      if (retry != null && now < retry.nextMillis()) {
        next = Math.min(next, retry.nextMillis());
        continue;
      }
      process(id, keysThisPass);
    }
    return Math.max(0, next - clock.millis());
  }

  private void process(String id, Set<String> keysThisPass) throws IOException {
    OutboxEntry entry;
    Notification notification;
    try {
      entry = outbox.read(id);
      notification = PayloadParser.parse(entry.body());
    } catch (IOException | BadPayloadException e) {
      deadLetter(id, "unreadable outbox entry: " + e.getMessage());
      return;
    }
    String key = DedupKey.of(entry.receiverPath(), notification);
    if (!keysThisPass.add(key)) {
      // An earlier copy (HA peer, resend) is still pending: it decides, this one waits.
      return;
    }
    if (dedup.isDelivered(key)) {
      outbox.remove(id);
      metrics.deduplicated();
      logger.fine(() -> "dropped duplicate notification " + entry.id());
      return;
    }
    if (dedup.wasInFlight(key)) {
      metrics.resentAfterCrash();
      logger.warning(
          "sending "
              + entry.id()
              + " again: a previous run may have sent it before stopping (same Message-ID)");
    }
    dedup.markSending(key);
    SendResult result;
    try {
      result = deliverer.deliver(entry, notification, key);
    } catch (RuntimeException | StackOverflowError e) {
      // Rendering a notification is deterministic: one that fails now fails on every retry and
      // would hold back everything queued behind it. It goes to dead/ with the reason instead.
      logger.log(Level.WARNING, "cannot render " + entry.id(), e);
      metrics.permanentFailure();
      deadLetter(id, "cannot render the notification: " + e);
      return;
    }
    switch (result.kind()) {
      case SENT -> {
        dedup.markDelivered(key);
        outbox.remove(id);
        retries.remove(id);
        outageAttempts = 0;
      }
      case RETRY -> retryLater(entry, result);
      case PERMANENT -> {
        metrics.permanentFailure();
        deadLetter(id, result.reason());
      }
    }
  }

  private void retryLater(OutboxEntry entry, SendResult result) throws IOException {
    metrics.retryableFailure();
    String id = entry.id();
    Retry previous = retries.get(id);
    int attempts = previous == null ? 1 : previous.attempts() + 1;
    long now = clock.millis();
    if (now - entry.receivedAt().toEpochMilli() > giveUpAfter.toMillis()) {
      deadLetter(
          id,
          "gave up after "
              + attempts
              + " attempts over "
              + giveUpAfter
              + "; last error: "
              + result.reason());
      return;
    }
    long wait = backoff.after(attempts).toMillis();
    retries.put(id, new Retry(attempts, now + wait, result.reason()));
    if (result.outage()) {
      outageAttempts++;
      outageUntil = now + backoff.after(outageAttempts).toMillis();
    }
    logger.warning(
        "delivery of "
            + entry.id()
            + " failed (attempt "
            + attempts
            + "), retrying in "
            + wait
            + "ms: "
            + result.reason());
  }

  private void deadLetter(String id, String reason) throws IOException {
    outbox.deadLetter(id, reason);
    retries.remove(id);
    metrics.deadLettered();
    logger.severe("dead-lettered " + id + ": " + reason);
  }
}
