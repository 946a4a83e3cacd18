package io.hostwatch.alertwebhook.spool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupStoreTest {
  @TempDir Path dir;

  private static Clock at(String time) {
    return Clock.fixed(Instant.parse(time), ZoneOffset.UTC);
  }

  @Test
  void deliveredKeysSurviveARestartWithinTheWindowOnly() throws Exception {
    try (DedupStore s = new DedupStore(dir, Duration.ofHours(1), at("2026-01-01T00:00:00Z"))) {
      s.markSending("k1");
      s.markDelivered("k1");
      s.markSending("k2");
    }
    try (DedupStore s = new DedupStore(dir, Duration.ofHours(1), at("2026-01-01T00:59:00Z"))) {
      assertTrue(s.isDelivered("k1"));
      assertFalse(s.isDelivered("k2"));
      assertTrue(s.wasInFlight("k2"), "sent but never confirmed before the restart");
      assertFalse(s.wasInFlight("k2"), "reported once");
      assertFalse(s.wasInFlight("k1"));
    }
    try (DedupStore s = new DedupStore(dir, Duration.ofHours(1), at("2026-01-01T01:01:00Z"))) {
      assertFalse(s.isDelivered("k1"), "outside the window");
    }
  }

  @Test
  void aTornLastLineIsIgnored() throws Exception {
    Files.writeString(dir.resolve("dedup.log"), "D k1 1767225600000\nD k2 17672");
    try (DedupStore s = new DedupStore(dir, Duration.ofDays(3650), at("2026-01-01T00:00:00Z"))) {
      assertTrue(s.isDelivered("k1"));
      assertFalse(s.isDelivered("k2"));
    }
  }
}
