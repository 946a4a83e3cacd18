package io.hostwatch.rulesgen.yaml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small block-style YAML emitter for generated files. Unlike a data binder it keeps key order,
 * writes comments ({@link Comment} keys or list items), literal blocks for multi-line PromQL and
 * inline lists ({@link Flow}), so the output reads like a hand-written file.
 */
public final class YamlWriter {
  /** A comment line, as a map key (its value is ignored) or a list element. */
  public record Comment(String text) {}

  /** A list written inline, {@code [a, b]}. */
  public record Flow(List<?> items) {}

  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_./$][A-Za-z0-9_./@$ :()+,=<>!*-]*");

  /** What YAML 1.1 may read as a number: decimal, sexagesimal, hex, octal, binary, .inf. */
  private static final Pattern NUMBERISH =
      Pattern.compile("[-+]?(0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+|[0-9][0-9:._eE+-]*|\\..*)");

  private static final Pattern SPECIAL = Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null|~");

  private YamlWriter() {}

  /** The document for a map or list, ending with a newline. */
  public static String write(Object root) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines(root)) {
      sb.append(line.stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** A comment line, for use as a map key. */
  public static Comment comment(String text) {
    return new Comment(text);
  }

  private static List<String> lines(Object node) {
    List<String> out = new ArrayList<>();
    if (node instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) {
        if (e.getKey() instanceof Comment c) {
          out.add("# " + c.text());
        } else {
          entry(String.valueOf(e.getKey()), e.getValue(), out);
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        item(item, out);
      }
    } else {
      out.add(scalar(node));
    }
    return out;
  }

  private static void entry(String key, Object value, List<String> out) {
    String k = scalar(key);
    if (value instanceof String s && s.contains("\n")) {
      out.add(k + ": " + (s.endsWith("\n") ? "|" : "|-"));
      s.lines().forEach(l -> out.add("  " + l));
    } else if (isBlock(value)) {
      out.add(k + ":");
      lines(value).forEach(l -> out.add("  " + l));
    } else {
      out.add(k + ": " + inline(value));
    }
  }

  private static void item(Object item, List<String> out) {
    if (item instanceof Comment c) {
      out.add("# " + c.text());
    } else if (item instanceof String s && s.contains("\n")) {
      out.add("- " + (s.endsWith("\n") ? "|" : "|-"));
      s.lines().forEach(l -> out.add("    " + l));
    } else if (isBlock(item)) {
      List<String> inner = lines(item);
      int i = 0;
      // Leading comments go above the dash: "- # text" would make the item null.
      while (i < inner.size() && inner.get(i).startsWith("#")) {
        out.add(inner.get(i++));
      }
      for (int first = i; i < inner.size(); i++) {
        out.add((i == first ? "- " : "  ") + inner.get(i));
      }
    } else {
      out.add("- " + inline(item));
    }
  }

  private static boolean isBlock(Object v) {
    return (v instanceof Map<?, ?> m && !m.isEmpty()) || (v instanceof List<?> l && !l.isEmpty());
  }

  private static String inline(Object v) {
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    if (v instanceof Flow f) {
      List<String> parts = new ArrayList<>();
      for (Object o : f.items()) {
        String s = scalar(o);
        parts.add(s.contains(",") && !s.startsWith("'") ? quote(s) : s);
      }
      return "[" + String.join(", ", parts) + "]";
    }
    return scalar(v);
  }

  static String scalar(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return number(d);
    }
    String s = v.toString();
    boolean plain =
        PLAIN.matcher(s).matches()
            && !s.endsWith(":")
            && !s.endsWith(" ")
            && !s.contains(": ")
            && !s.contains(" #")
            && !NUMBERISH.matcher(s).matches()
            && !SPECIAL.matcher(s).matches();
    return plain ? s : quote(s);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** 80 rather than 80.0, 92.5, never an exponent. */
  public static String number(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    if (Double.isNaN(d)) {
      return ".nan";
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
  }
}
