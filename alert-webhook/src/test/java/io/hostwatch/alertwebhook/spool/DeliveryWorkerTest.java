package io.hostwatch.alertwebhook.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.WebhookMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryWorkerTest {
  @TempDir Path storage;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> delivered = new ArrayList<>();
  private final Deque<SendResult> script = new ArrayDeque<>();
  private Outbox outbox;
  private DedupStore dedup;
  private DeliveryWorker worker;

  @BeforeEach
  void setUp() throws Exception {
    outbox = new Outbox(storage);
    dedup = new DedupStore(storage, Duration.ofHours(1), clock);
    Deliverer fake =
        (entry, n, id) -> {
          SendResult r = script.isEmpty() ? SendResult.sent() : script.poll();
          if (r.kind() == SendResult.Kind.SENT) {
            delivered.add(n.groupKey());
          }
          return r;
        };
    worker =
        new DeliveryWorker(
            outbox,
            dedup,
            fake,
            new WebhookMetrics(new PrometheusRegistry()),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            Duration.ofHours(24),
            clock);
  }

  private void post(String groupKey) throws Exception {
    String body =
        "{\"groupKey\":\""
            + groupKey
            + "\",\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"A\"},"
            + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"fingerprint\":\"f1\"}]}";
    outbox.append("ops", body.getBytes(StandardCharsets.UTF_8), clock.instant());
  }

  @Test
  void duplicatesFromAnHaPairGiveOneDelivery() throws Exception {
    post("g1");
    post("g1");
    worker.drainOnce();
    worker.drainOnce();
    assertEquals(List.of("g1"), delivered);
    assertEquals(0, outbox.pending().size());
    post("g1"); // a resend a minute later
    clock.advance(Duration.ofMinutes(1));
    worker.drainOnce();
    assertEquals(List.of("g1"), delivered);
  }

  @Test
  void retryableFailuresBackOffThenDeliver() throws Exception {
    script.add(SendResult.retry("421 try later", false));
    script.add(SendResult.retry("421 try later", false));
    post("g1");
    worker.drainOnce();
    worker.drainOnce(); // not due yet: no attempt
    assertEquals(1, script.size());
    clock.advance(Duration.ofSeconds(1));
    worker.drainOnce();
    assertEquals(0, script.size());
    clock.advance(Duration.ofSeconds(1));
    worker.drainOnce(); // second backoff is 2s
    assertEquals(List.of(), delivered);
    clock.advance(Duration.ofSeconds(1));
    worker.drainOnce();
    assertEquals(List.of("g1"), delivered);
  }

  @Test
  void permanentFailuresAreDeadLetteredWithTheReason() throws Exception {
    script.add(SendResult.permanent("SMTP 550: no such user"));
    post("g1");
    worker.drainOnce();
    assertEquals(0, outbox.pending().size());
    try (var files = Files.list(outbox.deadDirectory())) {
      Path reason = files.filter(p -> p.toString().endsWith(".reason")).findFirst().orElseThrow();
      assertEquals("SMTP 550: no such user\n", Files.readString(reason));
    }
  }

  @Test
  void anOutageHoldsEveryoneBack() throws Exception {
    script.add(SendResult.retry("connection refused", true));
    post("g1");
    post("g2");
    worker.drainOnce();
    assertTrue(script.isEmpty());
    assertEquals(List.of(), delivered, "g2 was not tried against the refused server");
    clock.advance(Duration.ofSeconds(1));
    worker.drainOnce();
    assertEquals(List.of("g1", "g2"), delivered);
  }

  @Test
  void givesUpAfterTheConfiguredTime() throws Exception {
    post("g1");
    clock.advance(Duration.ofHours(25));
    script.add(SendResult.retry("421 busy", false));
    worker.drainOnce();
    assertEquals(0, outbox.pending().size());
    try (var files = Files.list(outbox.deadDirectory())) {
      assertEquals(2, files.count());
    }
  }
}
