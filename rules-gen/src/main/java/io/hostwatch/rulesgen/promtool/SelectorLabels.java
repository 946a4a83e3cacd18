package io.hostwatch.rulesgen.promtool;

import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels that a test host needs so that the file's {@code selector} picks it. */
public final class SelectorLabels {
  private SelectorLabels() {}

  /**
   * {@code =} matchers give their value; {@code =~} the first literal alternative that matches;
   * negative matchers pass with the label absent.
   *
   * @throws IllegalArgumentException when no such labels can be derived
   */
  static Map<String, String> forSelector(Spec spec) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Matcher m : spec.selector()) {
      if (m.op().equals("=")) {
        labels.put(m.label(), m.value());
      } else if (m.op().equals("=~")) {
        for (String alt : m.value().split("\\|")) {
          if (m.matches(alt)) {
            labels.put(m.label(), alt);
            break;
          }
        }
      }
    }
    labels.putIfAbsent("job", spec.endpoints().job());
    for (Matcher m : spec.selector()) {
      if (!m.matches(labels.get(m.label()))) {
        throw new IllegalArgumentException(
            "cannot derive test labels for selector matcher "
                + m
                + " (expected =, != or !~,"
                + " or =~ with a literal alternative)");
      }
    }
    return labels;
  }
}
