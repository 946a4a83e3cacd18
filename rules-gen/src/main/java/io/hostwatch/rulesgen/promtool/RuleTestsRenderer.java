package io.hostwatch.rulesgen.promtool;

import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.rules.RuleFilesRenderer;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.LevelSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.Header;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus/tests/<alert>.test.yml}: promtool unit tests for every alert and level, run
 * against the very rule files {@link RuleFilesRenderer} writes.
 */
public final class RuleTestsRenderer {
  private RuleTestsRenderer() {}

  public static Map<String, String> render(Spec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Rule> alerts = RulesCatalog.alerts(spec).rules();
    spec.hostDown()
        .ifPresent(
            h ->
                out.put(
                    path(RulesCatalog.HOST_DOWN_ALERT),
                    file(
                        spec,
                        List.of(
                            HostDownAlertCases.build(
                                spec, h, named(alerts, RulesCatalog.HOST_DOWN_ALERT))))));
    for (LevelSpec level : spec.levels().values()) {
      List<Rule> rules = named(alerts, level.kind().alertName());
      List<PromtoolCase> cases = new ArrayList<>();
      for (Severity s : level.levels().keySet()) {
        cases.add(PercentAlertCases.build(spec, level, s, rules));
      }
      out.put(path(level.kind().alertName()), file(spec, cases));
    }
    spec.diskFill()
        .ifPresent(
            d ->
                out.put(
                    path(RulesCatalog.DISK_FILL_ALERT),
                    file(
                        spec,
                        List.of(
                            DiskFillAlertCases.build(
                                spec, d, named(alerts, RulesCatalog.DISK_FILL_ALERT))))));
    spec.anomaly()
        .ifPresent(
            a ->
                out.put(
                    path(RulesCatalog.ANOMALY_ALERT),
                    file(
                        spec,
                        List.of(
                            AnomalyAlertCases.build(
                                spec, a, named(alerts, RulesCatalog.ANOMALY_ALERT))))));
    for (var c : spec.checks().values()) {
      String name = c.family().alertName();
      List<Rule> rules = named(alerts, name);
      List<PromtoolCase> cases = new ArrayList<>();
      if (c.family().leveled()) {
        for (Severity s : c.levels().keySet()) {
          cases.add(CheckAlertCases.build(spec, c, s, rules));
        }
      } else {
        cases.add(ToggleAlertCases.build(spec, c, rules));
      }
      out.put(path(name), file(spec, cases));
    }
    return out;
  }

  private static List<Rule> named(List<Rule> rules, String name) {
    return rules.stream().filter(r -> r.name().equals(name)).toList();
  }

  private static String path(String alert) {
    return "prometheus/tests/"
        + alert.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT)
        + ".test.yml";
  }

  private static String file(Spec spec, List<PromtoolCase> cases) {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(
        "rule_files",
        List.of(
            "../rules/" + RuleFilesRenderer.RECORDING_FILE,
            "../rules/" + RuleFilesRenderer.ALERTS_FILE));
    m.put("evaluation_interval", "1m");
    List<String> order = new ArrayList<>(List.of(RulesCatalog.RECORDING_GROUP));
    if (!spec.levels().isEmpty()
        || spec.checks().values().stream().anyMatch(c -> c.family().leveled())) {
      order.add(RulesCatalog.THRESHOLD_GROUP);
    }
    order.add(RulesCatalog.ALERT_GROUP);
    m.put(new YamlWriter.Comment("Recording rules first, so alerts see this minute's values."), "");
    m.put("group_eval_order", order);
    m.put("tests", cases.stream().map(PromtoolCase::toYaml).toList());
    return Header.yaml(spec, YamlWriter.write(m));
  }
}
