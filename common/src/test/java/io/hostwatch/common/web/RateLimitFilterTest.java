package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test drives. */
class RateLimitFilterTest {
  @Test
  void aBurstIsServedThenOneRequestPerInterval() {
    long t0 = 1_000_000_000_000L;
    RateLimitFilter f = new RateLimitFilter(Duration.ofSeconds(1), 3, t0);
    assertTrue(f.tryAcquire(t0));
    assertTrue(f.tryAcquire(t0));
    assertTrue(f.tryAcquire(t0));
    assertFalse(f.tryAcquire(t0), "burst used up");
    assertFalse(f.tryAcquire(t0 + 500_000_000L), "half a token is not a token");
    assertTrue(f.tryAcquire(t0 + 1_000_000_000L), "one interval later, one token");
    assertFalse(f.tryAcquire(t0 + 1_000_000_000L));
  }

  @Test
  void savedTokensNeverExceedTheBurst() {
    RateLimitFilter f = new RateLimitFilter(Duration.ofMillis(10), 2, 0);
    long later = Duration.ofHours(1).toNanos();
    assertTrue(f.tryAcquire(later));
    assertTrue(f.tryAcquire(later));
    assertFalse(f.tryAcquire(later));
  }
}
