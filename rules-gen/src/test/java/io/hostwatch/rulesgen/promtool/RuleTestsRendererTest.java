package io.hostwatch.rulesgen.promtool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.rulesgen.Golden;
import io.hostwatch.rulesgen.generate.Generator;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.SpecLoader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated tests cover every alert and level: for each (alert, severity) some host is checked
 * both firing and not firing (before for, or after it drops and keep_firing_for has passed).
 */
class RuleTestsRendererTest {
  private static final Pattern INSTANCE = Pattern.compile("instance=\"([^\"]+)\"");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example",
        "full.good.yml",
        "edge-levels.good.yml",
        "long-windows.good.yml",
        "mixin.good.yml"
      })
  void everyAlertAndLevelIsSeenFiringAndSeenQuiet(String file) throws Exception {
    var spec =
        SpecLoader.load(
            file.equals("example")
                ? Golden.example()
                : Golden.resources().resolve("spec").resolve(file));
    Set<String> rules = new HashSet<>();
    for (Rule r : RulesCatalog.alerts(spec).rules()) {
      rules.add(r.name() + "/" + r.severity());
    }
    // rule → instance → the states (firing or not) it is checked in
    Map<String, Map<String, Set<Boolean>>> seen = new HashMap<>();
    for (var e : Generator.render(spec).entrySet()) {
      if (!e.getKey().startsWith("prometheus/tests/")) {
        continue;
      }
      Map<String, Object> doc = new Yaml().load(e.getValue());
      for (Object t : (List<?>) doc.get("tests")) {
        Set<String> instances = new HashSet<>();
        for (Object in : (List<?>) ((Map<?, ?>) t).get("input_series")) {
          var m = INSTANCE.matcher((String) ((Map<?, ?>) in).get("series"));
          if (m.find()) {
            instances.add(m.group(1));
          }
        }
        for (Object c : (List<?>) ((Map<?, ?>) t).get("alert_rule_test")) {
          Map<?, ?> check = (Map<?, ?>) c;
          Set<String> firing = new HashSet<>();
          for (Object a : (List<?>) check.get("exp_alerts")) {
            Map<?, ?> labels = (Map<?, ?>) ((Map<?, ?>) a).get("exp_labels");
            firing.add(
                check.get("alertname")
                    + "/"
                    + labels.get("severity")
                    + "@"
                    + labels.get("instance"));
          }
          for (String r : rules) {
            if (!r.startsWith(check.get("alertname") + "/")) {
              continue;
            }
            for (String i : instances) {
              seen.computeIfAbsent(r, x -> new HashMap<>())
                  .computeIfAbsent(i, x -> new HashSet<>())
                  .add(firing.contains(r + "@" + i));
            }
          }
        }
      }
    }
    for (String r : rules) {
      boolean both =
          seen.getOrDefault(r, Map.of()).values().stream().anyMatch(states -> states.size() == 2);
      assertTrue(both, r + ": no host is checked both firing and not firing: " + seen.get(r));
    }
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> d = new HashSet<>(a);
    d.removeAll(b);
    return d;
  }
}
