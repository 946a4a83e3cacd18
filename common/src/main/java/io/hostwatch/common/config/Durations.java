package io.hostwatch.common.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ({@code 1d2h30m}, {@code 5m}, {@code 500ms}), both ways. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");
  private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|y|w|d|h|m|s))+");

  private Durations() {}

  /**
   * Parses a Prometheus duration.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not a valid duration \""
              + text
              + "\" (expected a Prometheus duration like 30s, 5m, 1h30m, 7d)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
              });
    }
    return total;
  }

  /**
   * Formats as Prometheus does: the largest units first, e.g. {@code 1h30m}; zero is {@code 0s}.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] sizes = {7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    String[] units = {"w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms >= sizes[i]) {
        sb.append(ms / sizes[i]).append(units[i]);
        ms %= sizes[i];
      }
    }
    return sb.toString();
  }
}
