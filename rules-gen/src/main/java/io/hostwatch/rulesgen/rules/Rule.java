package io.hostwatch.rulesgen.rules;

import java.time.Duration;
import java.util.Map;

/**
 * One generated rule: a recording rule when {@code alert} is false. {@code labels} and {@code
 * annotations} keep their order.
 */
public record Rule(
    boolean alert,
    String name,
    String expr,
    Duration forDuration,
    Duration keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations) {

  static Rule record(String name, String expr, Map<String, String> labels) {
    return new Rule(false, name, expr, Duration.ZERO, Duration.ZERO, labels, Map.of());
  }

  /** The severity label, for alerts. */
  public String severity() {
    return labels.get("severity");
  }

  /** A group of rules, evaluated in order. */
  public record Group(String name, java.util.List<Rule> rules) {}
}
