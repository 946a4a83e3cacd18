package io.hostwatch.forecaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForecastConfigTest {
  private static ForecastConfig of(Duration lookback, Duration step) {
    return new ForecastConfig("f", "up", lookback, step, null, null, null, null, null, null);
  }

  @Test
  void theLookbackIsAWholeNumberOfSteps() {
    assertEquals(Duration.ofDays(7), of(null, null).lookbackOrDefault());
    assertEquals(Duration.ofDays(2), of(Duration.ofMinutes(2884), null).lookbackOrDefault());
    assertEquals(
        Duration.ofMinutes(56), of(Duration.ofHours(1), Duration.ofMinutes(7)).lookbackOrDefault());
  }

  @Test
  void everyQueryStartsOnAMultipleOfTheStep() {
    // as the service computes its grid: end on a multiple of the step, start lookback before
    long step = 420;
    long end = 1_796_276_100L / step * step;
    for (long minutes = 60; minutes < 70; minutes++) {
      long start =
          end
              - of(Duration.ofMinutes(minutes), Duration.ofSeconds(step))
                  .lookbackOrDefault()
                  .toSeconds()
              + step;
      assertEquals(0, start % step, minutes + "m");
    }
  }
}
