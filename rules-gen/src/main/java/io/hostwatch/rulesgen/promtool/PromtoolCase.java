package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * One promtool test case under construction: hosts with their input series, and checkpoints whose
 * expected alerts come from replaying each (host, rule) through {@link AlertSimulator}.
 */
public final class PromtoolCase {
  final String name;
  final int minutes;
  final List<SimulatedHost> hosts = new ArrayList<>();
  private final List<Map<Object, Object>> checks = new ArrayList<>();

  PromtoolCase(String name, int minutes) {
    this.name = name;
    this.minutes = minutes;
  }

  SimulatedHost host(SimulatedHost h) {
    hosts.add(h);
    return h;
  }

  /**
   * Adds an {@code alert_rule_test} at minute {@code t} for {@code rules} (one alert name), with
   * {@code firesOn.test(host, rule)} the condition per minute array supplier.
   */
  void check(int t, String why, List<Rule> rules, Conditions conditions) {
    List<Object> expected = new ArrayList<>();
    for (SimulatedHost h : hosts) {
      for (Rule r : rules) {
        boolean[] cond = conditions.condition(h, r);
        if (cond == null) {
          continue;
        }
        var sim =
            AlertSimulator.run(
                cond, h.observed, minutes(r.forDuration()), minutes(r.keepFiringFor()));
        if (sim.firing()[t]) {
          expected.add(expectedAlert(h, r, conditions.extraLabels(h), sim.value()[t]));
        }
      }
    }
    Map<Object, Object> check = new LinkedHashMap<>();
    check.put(new YamlWriter.Comment(why), "");
    check.put("eval_time", Durations.format(Duration.ofMinutes(t)));
    check.put("alertname", rules.get(0).name());
    check.put("exp_alerts", expected);
    checks.add(check);
  }

  private static Map<String, Object> expectedAlert(
      SimulatedHost h, Rule r, Map<String, String> extra, double value) {
    Map<String, String> labels = h.alertLabels(extra);
    Map<String, String> expLabels = new LinkedHashMap<>(labels);
    expLabels.putAll(r.labels());
    Map<String, String> annotations = new LinkedHashMap<>();
    r.annotations().forEach((k, v) -> annotations.put(k, GoTemplates.expand(v, labels, value)));
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("exp_labels", new java.util.TreeMap<>(expLabels));
    a.put("exp_annotations", annotations);
    return a;
  }

  Map<Object, Object> toYaml() {
    Map<Object, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("interval", "1m");
    List<Object> series = new ArrayList<>();
    for (SimulatedHost h : hosts) {
      h.inputs.forEach(
          (s, values) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series", s);
            m.put("values", values);
            series.add(m);
          });
    }
    out.put("input_series", series);
    out.put("alert_rule_test", checks);
    return out;
  }

  static long minutes(Duration d) {
    return (d.toSeconds() + 59) / 60;
  }

  /** Which minutes a rule's condition holds for a host, and the labels its series adds. */
  interface Conditions {
    /** Per minute, or null when the rule never applies to the host. */
    boolean[] condition(SimulatedHost h, Rule r);

    default Map<String, String> extraLabels(SimulatedHost h) {
      return Map.of();
    }
  }

  /** Per minute {@code observed > level}, NaN never above. */
  static boolean[] above(double[] observed, double level) {
    boolean[] c = new boolean[observed.length];
    for (int t = 0; t < c.length; t++) {
      c[t] = !Double.isNaN(observed[t]) && observed[t] > level;
    }
    return c;
  }

  static boolean[] where(double[] observed, BiPredicate<Integer, Double> p) {
    boolean[] c = new boolean[observed.length];
    for (int t = 0; t < c.length; t++) {
      c[t] = !Double.isNaN(observed[t]) && p.test(t, observed[t]);
    }
    return c;
  }

  /**
   * Whether a value the rules see lies on one of {@code levels} (within a millionth of it): float
   * rounding, not the data, would then decide whether the alert fires, so the generators pick other
   * data.
   */
  boolean seesAValueOn(java.util.Collection<Double> levels) {
    for (SimulatedHost h : hosts) {
      for (double o : h.observed) {
        if (levels.stream().anyMatch(l -> Math.abs(l - o) <= 1e-6 * Math.max(1, Math.abs(l)))) {
          return true;
        }
      }
    }
    return false;
  }
}
