package io.hostwatch.rulesgen.spec;

import io.hostwatch.rulesgen.spec.Family.Unit;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.util.Map;

/**
 * Range and order of every level, by unit, and their messages, shared by {@link SpecLoader}, {@link
 * CheckValidator} and {@link RawLevelChecks} so a file gets the same message whether it binds or
 * not.
 */
final class LevelRules {
  static final String DEFAULT_CONTEXT = ", the other level's default";
  static final String OVERRIDE_CONTEXT = " on the matching hosts";

  private LevelRules() {}

  /** What is wrong with level {@code v}, or null. */
  static String rangeError(Unit unit, double v) {
    return switch (unit) {
      case PERCENT -> v >= 0 && v < 100 ? null : v == 100 ? neverExceeded() : outOfRange(v);
      case FREE_PERCENT ->
          v > 0 && v <= 100
              ? null
              : v == 0 ? "0 can never be undercut (expected a level above 0)" : outOfRange(v);
      case SECONDS ->
          v > 0 && !Double.isInfinite(v)
              ? null
              : SpecLoader.number(v) + " is out of range (expected a number of seconds above 0)";
      case NUMBER ->
          v > 0 && !Double.isInfinite(v)
              ? null
              : SpecLoader.number(v) + " is out of range (expected a number above 0)";
      case NONE -> null;
    };
  }

  /**
   * What is wrong with the order of the pair, or null: warning must come first on the way to
   * critical, or the warning alert could never be the only one. Out-of-range values are already
   * reported and not ordered.
   */
  static String orderError(Unit unit, Map<Severity, Double> levels, String context) {
    Double w = levels.get(Severity.WARNING);
    Double c = levels.get(Severity.CRITICAL);
    if (w == null || c == null || rangeError(unit, w) != null || rangeError(unit, c) != null) {
      return null;
    }
    if (unit == Unit.FREE_PERCENT) {
      return w > c
          ? null
          : "warning "
              + SpecLoader.number(w)
              + " is not above critical "
              + SpecLoader.number(c)
              + context
              + " (expected warning > critical: the level is free space)";
    }
    return w < c ? null : notBelow(w, c, context);
  }

  /**
   * The order rule of the percentage thresholds (cpu, memory, disk), which reports a warning not
   * below critical whenever both are in 0..100, so 100 is reported as never exceeded and as out of
   * order.
   */
  static String percentOrderError(Double w, Double c, String context) {
    return w != null && c != null && w >= c && w <= 100 && c >= 0 ? notBelow(w, c, context) : null;
  }

  static String outOfRange(double v) {
    return SpecLoader.number(v) + " is out of range (expected a percentage from 0 to 100)";
  }

  static String neverExceeded() {
    return "100 can never be exceeded (expected a level below 100)";
  }

  static String notBelow(double w, double c, String context) {
    return "warning "
        + SpecLoader.number(w)
        + " is not below critical "
        + SpecLoader.number(c)
        + context
        + " (expected warning < critical)";
  }
}
