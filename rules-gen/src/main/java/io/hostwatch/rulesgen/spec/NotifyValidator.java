package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import io.hostwatch.rulesgen.spec.Spec.ReceiverSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.NotifyRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks {@code notify:} and names its Alertmanager receivers. */
final class NotifyValidator {
  private static final Pattern RECEIVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private NotifyValidator() {}

  static List<ReceiverSpec> receivers(
      List<NotifyRoute> routes, Loaded<?> loaded, List<ConfigError> errors) {
    List<ReceiverSpec> out = new ArrayList<>();
    if (routes == null) {
      return out;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      NotifyRoute r = routes.get(i);
      String path = "notify[" + i + "]";
      Map<String, String> match = r.match() == null ? Map.of() : r.match();
      checkLabels(match, path + ".match", loaded, errors);
      if (r.email().isEmpty()) {
        errors.add(loaded.errorAt(path + ".email", "empty (expected at least one address)"));
      }
      for (int j = 0; j < r.email().size(); j++) {
        if (!EMAIL.matcher(r.email().get(j)).matches()) {
          errors.add(
              loaded.errorAt(
                  path + ".email[" + j + "]",
                  "\"" + r.email().get(j) + "\" is not a mail address (expected user@host)"));
        }
      }
      String name = r.receiver() != null ? r.receiver() : derivedName(match, i);
      String namePath = r.receiver() != null ? path + ".receiver" : path;
      if (!RECEIVER.matcher(name).matches() || name.equals("default")) {
        errors.add(
            loaded.errorAt(
                namePath,
                "receiver name \""
                    + name
                    + "\" is not usable (expected letters, digits, '_', '.', '-', not \"default\")"));
      } else if (seen.containsKey(name)) {
        errors.add(
            loaded.errorAt(
                namePath,
                "receiver name \""
                    + name
                    + "\" is already used by notify["
                    + seen.get(name)
                    + "] (expected a unique name; set receiver: to choose one)"));
      }
      seen.putIfAbsent(name, i);
      out.add(new ReceiverSpec(name, new LinkedHashMap<>(match), List.copyOf(r.email())));
    }
    return out;
  }

  /** {@code {severity: critical}} is received by {@code critical}; others by their values. */
  private static String derivedName(Map<String, String> match, int index) {
    if (match.isEmpty()) {
      return "notify-" + index;
    }
    return String.join("-", match.values()).replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  static void checkLabels(
      Map<String, String> match, String path, Loaded<?> loaded, List<ConfigError> errors) {
    if (match == null) {
      return;
    }
    for (Map.Entry<String, String> e : match.entrySet()) {
      String label = e.getKey();
      if (!Matcher.LABEL.matcher(label).matches() || label.startsWith("__")) {
        errors.add(
            loaded.errorAt(
                path + "." + label,
                "\"" + label + "\" is not a label name (expected [a-zA-Z_][a-zA-Z0-9_]*)"));
      } else if (Matcher.hasControlCharacter(e.getValue())) {
        errors.add(
            loaded.errorAt(
                path + "." + label,
                "value has a control character such as a newline or tab (expected one line of"
                    + " printable text, as label values in alerting rules are)"));
      }
    }
    if (match.isEmpty() && path.startsWith("overrides")) {
      errors.add(loaded.errorAt(path, "empty (expected at least one label to match)"));
    }
  }
}
