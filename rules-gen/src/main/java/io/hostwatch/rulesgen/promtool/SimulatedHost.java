package io.hostwatch.rulesgen.promtool;

import io.hostwatch.rulesgen.spec.Matcher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A host in a generated promtool test: the labels of the series an alert on it carries, the input
 * series that produce it, and the value the rule sees each minute (NaN where it sees nothing).
 */
public final class SimulatedHost {
  final String name;
  final Map<String, String> labels;
  final Map<String, String> inputs = new LinkedHashMap<>();
  double[] observed;

  SimulatedHost(String name, Map<String, String> labels) {
    this.name = name;
    this.labels = new TreeMap<>(labels);
  }

  /** Adds an input series: {@code metric{labels + extra}} with one value per minute. */
  SimulatedHost input(String metric, Map<String, String> extra, String values) {
    Map<String, String> all = new TreeMap<>(labels);
    all.putAll(extra);
    inputs.put(
        metric
            + all.entrySet().stream()
                .map(e -> Matcher.eq(e.getKey(), e.getValue()).toString())
                .collect(Collectors.joining(",", "{", "}")),
        values);
    return this;
  }

  /** The labels an alert on this host's series carries, before the rule's own labels. */
  Map<String, String> alertLabels(Map<String, String> extra) {
    Map<String, String> all = new TreeMap<>(labels);
    all.putAll(extra);
    return all;
  }
}
