package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.rulesgen.spec.Family.Unit;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The level checks (range, warning below critical) on the raw YAML tree, for files that do not
 * bind: the common loader then has no value to check, and a user is shown every error at once. The
 * messages are the ones {@link SpecLoader} gives for files that do bind.
 */
final class RawLevelChecks {
  private static final List<Kind> KINDS = List.of(Kind.CPU, Kind.MEMORY, Kind.DISK);

  private RawLevelChecks() {}

  /** Level errors found in {@code text}; none when it is not even YAML. */
  static List<ConfigError> check(String text, String fileName) {
    List<ConfigError> out = new ArrayList<>();
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (RuntimeException e) {
      return out;
    }
    Map<Kind, Map<String, Double>> base = new EnumMap<>(Kind.class);
    Node thresholds = child(root, "thresholds");
    for (Kind k : KINDS) {
      base.put(
          k,
          levels(child(thresholds, k.key()), "thresholds." + k.key(), Map.of(), "", fileName, out));
    }
    Map<Family, Map<Severity, Double>> familyBase = new EnumMap<>(Family.class);
    for (Family f : Family.leveledFamilies()) {
      Map<Severity, Double> defaults = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        if (f.defaultLevel(s) != null) {
          defaults.put(s, f.defaultLevel(s));
        }
      }
      String path = "thresholds." + f.key();
      familyBase.put(
          f,
          familyLevels(
              f,
              child(thresholds, f.key()),
              path,
              defaults,
              LevelRules.DEFAULT_CONTEXT,
              fileName,
              out));
    }
    if (child(root, "overrides") instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node th = child(seq.getValue().get(i), "thresholds");
        for (Kind k : KINDS) {
          String path = "overrides[" + i + "].thresholds." + k.key();
          levels(child(th, k.key()), path, base.get(k), " on the matching hosts", fileName, out);
        }
        for (Family f : Family.leveledFamilies()) {
          String path = "overrides[" + i + "].thresholds." + f.key();
          familyLevels(
              f,
              child(th, f.key()),
              path,
              familyBase.get(f),
              LevelRules.OVERRIDE_CONTEXT,
              fileName,
              out);
        }
      }
    }
    return out;
  }

  /** As {@link #levels} for a node-mixin family; returns the effective pair. */
  private static Map<Severity, Double> familyLevels(
      Family f,
      Node level,
      String path,
      Map<Severity, Double> inherited,
      String context,
      String fileName,
      List<ConfigError> out) {
    Map<Severity, Double> own = new EnumMap<>(Severity.class);
    Map<Severity, ScalarNode> nodes = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      if (child(level, s.label()) instanceof ScalarNode n) {
        try {
          double v = yamlDouble(n.getValue());
          own.put(s, v);
          nodes.put(s, n);
          String problem = LevelRules.rangeError(f.unit(), v);
          if (problem != null) {
            out.add(error(fileName, n, path + "." + s.label(), problem));
          }
        } catch (NumberFormatException e) {
          // a type error, which the binder reports
        }
      }
    }
    Map<Severity, Double> eff = new EnumMap<>(Severity.class);
    eff.putAll(inherited);
    eff.putAll(own);
    if (!own.isEmpty()) {
      Severity blame = own.containsKey(Severity.WARNING) ? Severity.WARNING : Severity.CRITICAL;
      String problem = LevelRules.orderError(f.unit(), eff, own.size() == 2 ? "" : context);
      if (problem != null) {
        out.add(error(fileName, nodes.get(blame), path + "." + blame.label(), problem));
      }
    }
    return eff;
  }

  private static Map<String, Double> levels(
      Node level,
      String path,
      Map<String, Double> inherited,
      String context,
      String fileName,
      List<ConfigError> out) {
    Map<String, Double> own = new java.util.HashMap<>();
    Map<String, ScalarNode> nodes = new java.util.HashMap<>();
    for (String sev : List.of("warning", "critical")) {
      if (child(level, sev) instanceof ScalarNode s) {
        try {
          double v = yamlDouble(s.getValue());
          own.put(sev, v);
          nodes.put(sev, s);
          String problem = LevelRules.rangeError(Unit.PERCENT, v);
          if (problem != null) {
            out.add(error(fileName, s, path + "." + sev, problem));
          }
        } catch (NumberFormatException e) {
          // a type error, which the binder reports
        }
      }
    }
    Map<String, Double> eff = new java.util.HashMap<>(inherited);
    eff.putAll(own);
    Double w = eff.get("warning");
    Double c = eff.get("critical");
    String problem =
        own.isEmpty() ? null : LevelRules.percentOrderError(w, c, own.size() == 2 ? "" : context);
    if (problem != null) {
      String blame = own.containsKey("warning") ? "warning" : "critical";
      out.add(error(fileName, nodes.get(blame), path + "." + blame, problem));
    }
    return own;
  }

  /**
   * A YAML float as the binder reads it, {@code .inf} and {@code .nan} included, so an infinite
   * level is refused here too and not only in files that bind.
   */
  private static double yamlDouble(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private static Node child(Node node, String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  private static ConfigError error(String file, Node node, String path, String message) {
    var mark = node.getStartMark();
    return new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, path, message);
  }
}
