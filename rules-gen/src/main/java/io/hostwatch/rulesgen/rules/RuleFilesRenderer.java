package io.hostwatch.rulesgen.rules;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.yaml.Header;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code prometheus/rules/*.yml}: recording rules (with the threshold series) and alerts. */
public final class RuleFilesRenderer {
  public static final String RECORDING_FILE = "hostwatch-recording.yml";
  public static final String ALERTS_FILE = "hostwatch-alerts.yml";

  private RuleFilesRenderer() {}

  public static Map<String, String> render(Spec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Rule.Group> recording = new ArrayList<>(List.of(RulesCatalog.recording(spec)));
    Rule.Group thresholds = RulesCatalog.thresholds(spec);
    if (!thresholds.rules().isEmpty()) {
      recording.add(thresholds);
    }
    out.put("prometheus/rules/" + RECORDING_FILE, file(spec, recording));
    Rule.Group alerts = RulesCatalog.alerts(spec);
    if (!alerts.rules().isEmpty()) {
      out.put("prometheus/rules/" + ALERTS_FILE, file(spec, List.of(alerts)));
    }
    return out;
  }

  static String file(Spec spec, List<Rule.Group> groups) {
    List<Object> gs = new ArrayList<>();
    for (Rule.Group g : groups) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("rules", g.rules().stream().map(RuleFilesRenderer::rule).toList());
      gs.add(m);
    }
    return Header.yaml(spec, YamlWriter.write(Map.of("groups", gs)));
  }

  private static Map<String, Object> rule(Rule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(r.alert() ? "alert" : "record", r.name());
    m.put("expr", r.expr());
    if (r.alert() && !r.forDuration().isZero()) {
      m.put("for", Durations.format(r.forDuration()));
    }
    if (r.alert() && !r.keepFiringFor().isZero()) {
      m.put("keep_firing_for", Durations.format(r.keepFiringFor()));
    }
    if (!r.labels().isEmpty()) {
      m.put("labels", r.labels());
    }
    if (!r.annotations().isEmpty()) {
      m.put("annotations", r.annotations());
    }
    return m;
  }
}
