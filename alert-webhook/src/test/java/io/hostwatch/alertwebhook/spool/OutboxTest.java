package io.hostwatch.alertwebhook.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox journal: what was acknowledged survives a restart, what was finished does not. */
class OutboxTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path storage;

  private static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acknowledgedNotificationsSurviveARestartInOrder() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Outbox outbox = new Outbox(storage)) {
      ids.add(outbox.append("ops", body("{\"a\":1}"), T0).id());
      ids.add(outbox.append("", body("{\"b\":2}"), T0.plusSeconds(1)).id());
    }
    try (Outbox outbox = new Outbox(storage)) {
      assertEquals(ids, outbox.pending());
      OutboxEntry first = outbox.read(ids.get(0));
      assertEquals("ops", first.receiverPath());
      assertEquals(T0, first.receivedAt());
      assertArrayEquals(body("{\"a\":1}"), first.body());
      assertEquals("", outbox.read(ids.get(1)).receiverPath());
    }
  }

  @Test
  void finishedNotificationsStayFinishedAndTheirSegmentsGo() throws Exception {
    String kept;
    try (Outbox outbox = new Outbox(storage, 1)) { // every record starts a segment
      String a = outbox.append("ops", body("a"), T0).id();
      String b = outbox.append("ops", body("b"), T0).id();
      kept = outbox.append("ops", body("c"), T0).id();
      outbox.remove(a);
      outbox.deadLetter(b, "SMTP 550");
      assertEquals(List.of(kept), outbox.pending());
    }
    try (Outbox outbox = new Outbox(storage, 1)) {
      assertEquals(List.of(kept), outbox.pending());
      assertEquals(1, count(outbox.directory(), Journal.SUFFIX), "finished segments deleted");
      assertEquals(1, count(outbox.deadDirectory(), ".reason"));
      assertEquals(1, count(outbox.deadDirectory(), Outbox.LEGACY_SUFFIX));
    }
  }

  @Test
  void aTornTailIsDroppedAndWritingGoesOn() throws Exception {
    String first;
    try (Outbox outbox = new Outbox(storage)) {
      first = outbox.append("ops", body("first"), T0).id();
      outbox.append("ops", body("second, cut short by a crash"), T0);
    }
    Path segment;
    try (Stream<Path> s = Files.list(storage.resolve("outbox"))) {
      segment = s.filter(p -> p.toString().endsWith(Journal.SUFFIX)).findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 3);
    }
    try (Outbox outbox = new Outbox(storage)) {
      assertEquals(List.of(first), outbox.pending());
      String next = outbox.append("ops", body("after the restart"), T0.plusSeconds(1)).id();
      assertEquals(List.of(first, next), outbox.pending());
    }
    try (Outbox outbox = new Outbox(storage)) {
      assertEquals(2, outbox.depth());
    }
  }

  @Test
  void concurrentAppendsAreAllKeptIntact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Set<String> ids = new HashSet<>();
    try (Outbox outbox = new Outbox(storage, 4096)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String text = "notification " + i;
        futures.add(pool.submit(() -> outbox.append("r", body(text), T0).id()));
      }
      for (Future<String> f : futures) {
        ids.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    try (Outbox outbox = new Outbox(storage, 4096)) {
      assertEquals(ids, new HashSet<>(outbox.pending()));
      Set<String> bodies = new HashSet<>();
      for (String id : outbox.pending()) {
        bodies.add(new String(outbox.read(id).body(), StandardCharsets.UTF_8));
      }
      assertEquals(400, bodies.size());
      assertTrue(bodies.contains("notification 399"));
    }
  }

  @Test
  void filesFromTheOneFilePerNotificationOutboxAreImported() throws Exception {
    Path dir = Files.createDirectories(storage.resolve("outbox"));
    String id = "1767225600000-abcdef01-00000001";
    Files.writeString(dir.resolve(id + ".json"), "ops\t2026-01-01T00:00:00Z\n{\"x\":1}");
    try (Outbox outbox = new Outbox(storage)) {
      assertEquals(List.of(id), outbox.pending());
      assertArrayEquals(body("{\"x\":1}"), outbox.read(id).body());
      assertFalse(Files.exists(dir.resolve(id + ".json")));
    }
    try (Outbox outbox = new Outbox(storage)) {
      assertEquals(List.of(id), outbox.pending(), "imported once, and durably");
    }
  }

  @Test
  void anUnwritableFolderFailsTheAppendAndWritingRecovers() throws Exception {
    try (Outbox outbox = new Outbox(storage, 1)) {
      String kept = outbox.append("ops", body("before"), T0).id();
      Path dir = outbox.directory();
      Path aside = storage.resolve("aside");
      Files.move(dir, aside);
      Files.writeString(dir, "not a folder");
      assertThrows(IOException.class, () -> outbox.append("ops", body("lost"), T0));
      Files.delete(dir);
      Files.move(aside, dir);
      String after = outbox.append("ops", body("after"), T0.plusSeconds(1)).id();
      assertEquals(List.of(kept, after), outbox.pending());
      assertArrayEquals(body("before"), outbox.read(kept).body());
    }
  }

  private static long count(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }
}
