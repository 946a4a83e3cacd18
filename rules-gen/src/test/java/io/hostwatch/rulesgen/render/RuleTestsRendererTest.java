package io.hostwatch.rulesgen.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.rulesgen.spec.SpecLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated tests cover every alert and level: each (alert, severity) fires somewhere, and is
 * checked quiet somewhere (before for, after keep_firing_for).
 */
class RuleTestsRendererTest {
  @Test
  void everyAlertAndLevelIsSeenFiringAndSeenQuiet() throws Exception {
    var spec = SpecLoader.load(GoldenFilesTest.example());
    Set<String> rules = new HashSet<>();
    for (Rule r : RulesCatalog.alerts(spec).rules()) {
      rules.add(r.name() + "/" + r.severity());
    }
    Set<String> firing = new HashSet<>();
    Set<String> quietChecks = new HashSet<>();
    for (var e : Generator.render(spec).entrySet()) {
      if (!e.getKey().startsWith("prometheus/tests/")) {
        continue;
      }
      Map<String, Object> doc = new Yaml().load(e.getValue());
      for (Object t : (List<?>) doc.get("tests")) {
        for (Object c : (List<?>) ((Map<?, ?>) t).get("alert_rule_test")) {
          Map<?, ?> check = (Map<?, ?>) c;
          List<?> alerts = (List<?>) check.get("exp_alerts");
          Set<String> here = new HashSet<>();
          for (Object a : alerts) {
            Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) a).get("exp_labels");
            here.add(check.get("alertname") + "/" + labels.get("severity"));
          }
          firing.addAll(here);
          for (String r : rules) {
            if (r.startsWith(check.get("alertname") + "/") && !here.contains(r)) {
              quietChecks.add(r);
            }
          }
        }
      }
    }
    assertTrue(firing.containsAll(rules), "never firing: " + minus(rules, firing));
    assertTrue(quietChecks.containsAll(rules), "never checked quiet: " + minus(rules, quietChecks));
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }
}
