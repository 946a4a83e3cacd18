package io.hostwatch.alertwebhook.spool;

import java.time.Duration;

/** Exponential backoff: initial, doubling per failed attempt, capped at max. */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff " + initial + ".." + max + " (expected 0 < initial <= max)");
    }
  }

  /** The wait after the {@code attempts}-th consecutive failure (1-based). */
  public Duration after(int attempts) {
    int shift = Math.min(Math.max(attempts - 1, 0), 30);
    long millis = initial.toMillis() << shift;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
