package io.hostwatch.alertwebhook.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertEquals(Duration.ofSeconds(1), b.after(1));
    assertEquals(Duration.ofSeconds(2), b.after(2));
    assertEquals(Duration.ofSeconds(8), b.after(4));
    assertEquals(Duration.ofSeconds(10), b.after(5));
    assertEquals(Duration.ofSeconds(10), b.after(500));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
  }
}
