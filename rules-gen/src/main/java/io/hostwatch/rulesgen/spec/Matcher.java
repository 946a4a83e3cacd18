package io.hostwatch.rulesgen.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One PromQL label matcher, {@code job="node"}, as the {@code selector} key lists them. */
public record Matcher(String label, String op, String value) {
  static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern ONE =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')\\s*(,|$)");

  /** {@code label="value"} with PromQL escaping. */
  public static Matcher eq(String label, String value) {
    return new Matcher(label, "=", value);
  }

  /**
   * Parses {@code job="node", env=~"prod|staging"}, with or without braces.
   *
   * @throws IllegalArgumentException naming the part that is not a matcher
   */
  public static List<Matcher> parseList(String text) {
    String s = text.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    List<Matcher> out = new ArrayList<>();
    var m = ONE.matcher(s);
    int at = 0;
    while (at < s.length() && !s.substring(at).isBlank()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(
            "cannot parse \""
                + s.substring(at).strip()
                + "\" (expected label matchers like job=\"node\", env=~\"prod|staging\")");
      }
      String raw = m.group(4) != null ? m.group(4) : m.group(5);
      if (hasControlCharacter(raw)) {
        throw new IllegalArgumentException(
            "the value of "
                + m.group(1)
                + " has a control character such as a newline or tab (expected one line of"
                + " printable text)");
      }
      out.add(new Matcher(m.group(1), m.group(2), raw.replaceAll("\\\\(.)", "$1")));
      at = m.end();
    }
    return List.copyOf(out);
  }

  /** Newlines, tabs, NUL and the like: they break the generated YAML and PromQL. */
  public static boolean hasControlCharacter(String value) {
    return value != null && value.codePoints().anyMatch(Character::isISOControl);
  }

  /** Whether a series with {@code labelValue} (empty when absent) passes this matcher. */
  public boolean matches(String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (op) {
      case "=" -> v.equals(value);
      case "!=" -> !v.equals(value);
      case "=~" -> v.matches(value);
      default -> !v.matches(value);
    };
  }

  @Override
  public String toString() {
    return label + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
