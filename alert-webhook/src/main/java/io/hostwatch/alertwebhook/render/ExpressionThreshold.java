package io.hostwatch.alertwebhook.render;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a threshold alert expression such as {@code instance:node_cpu_busy:percent > 80} into what
 * to chart ({@code instance:node_cpu_busy:percent}) and the threshold line (80). The chart of the
 * whole expression would only show the points above the threshold.
 *
 * @param query the left-hand side, or the whole expression when no threshold can be read
 * @param threshold the number compared against, when there is one
 */
public record ExpressionThreshold(String query, Double threshold, String operator) {
  private static final Pattern TRAILING_COMPARISON =
      Pattern.compile(
          "(?s)^(.*?)\\s*(>=|<=|==|!=|>|<)\\s*(?:bool\\s+)?([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*$");

  public static ExpressionThreshold parse(String expr) {
    String trimmed = stripOuterParens(expr.strip());
    Matcher m = TRAILING_COMPARISON.matcher(trimmed);
    if (m.matches() && balanced(m.group(1)) && !m.group(1).isBlank()) {
      return new ExpressionThreshold(m.group(1).strip(), Double.valueOf(m.group(3)), m.group(2));
    }
    return new ExpressionThreshold(trimmed, null, null);
  }

  public Optional<Double> thresholdValue() {
    return Optional.ofNullable(threshold);
  }

  private static String stripOuterParens(String s) {
    while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  /** Brackets balanced outside string literals: the comparison is at the top level. */
  static boolean balanced(String s) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (--depth < 0) {
          return false;
        }
      }
    }
    return depth == 0 && quote == 0;
  }
}
