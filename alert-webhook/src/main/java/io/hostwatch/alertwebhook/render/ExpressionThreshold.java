package io.hostwatch.alertwebhook.render;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits a threshold alert expression into what to chart and what it is compared with: {@code
 * instance:node_cpu_busy:percent > 80} charts {@code instance:node_cpu_busy:percent} with a line at
 * 80; {@code x > on(instance) group_left() hostwatch:threshold_cpu_busy:percent} charts {@code x}
 * with the threshold series' value as the line; {@code (a > b) unless c} looks at {@code a > b}.
 * The chart of the whole expression would only show the points above the threshold.
 *
 * <p>Every step is one pass over the text, and expressions longer than {@link #MAX_LENGTH} are not
 * analysed at all: the expression comes from a webhook payload, and a regular expression with
 * backtracking over 80 KB of it stalled delivery for half a minute.
 *
 * @param query the left-hand side, or the whole expression when no comparison can be read
 * @param threshold the number compared against, when it is a number
 * @param thresholdQuery the right-hand side when it is an expression (a threshold series)
 * @param operator the comparison, or null
 */
public record ExpressionThreshold(
    String query, Double threshold, String thresholdQuery, String operator) {
  /** Longer expressions are charted as they are, without looking for a threshold. */
  public static final int MAX_LENGTH = 4096;

  private static final String[] COMPARISONS = {">=", "<=", "==", "!=", ">", "<"};
  private static final String[] SET_OPERATORS = {"unless", "and", "or"};
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?i:inf|nan)");
  private static final Pattern MODIFIER =
      Pattern.compile("(?i)^(?:bool|on|ignoring|group_left|group_right)\\b");

  public static ExpressionThreshold parse(String expr) {
    String trimmed = expr.strip();
    if (trimmed.length() > MAX_LENGTH) {
      return new ExpressionThreshold(trimmed, null, null, null);
    }
    String body = stripOuterParens(trimmed);
    int set = topLevelWord(body, SET_OPERATORS);
    if (set > 0) {
      body = stripOuterParens(body.substring(0, set).strip());
    }
    int[] cmp = topLevelComparison(body);
    if (cmp == null) {
      return new ExpressionThreshold(body, null, null, null);
    }
    String lhs = stripOuterParens(body.substring(0, cmp[0]).strip());
    String rhs = stripModifiers(body.substring(cmp[0] + cmp[1]).strip());
    String op = body.substring(cmp[0], cmp[0] + cmp[1]);
    if (lhs.isEmpty() || rhs.isEmpty()) {
      return new ExpressionThreshold(body, null, null, null);
    }
    if (NUMBER.matcher(rhs).matches()) {
      return new ExpressionThreshold(lhs, Double.valueOf(number(rhs)), null, op);
    }
    if (NUMBER.matcher(lhs).matches()) { // 80 < x: the number is still the threshold
      return new ExpressionThreshold(rhs, Double.valueOf(number(lhs)), null, flip(op));
    }
    return new ExpressionThreshold(lhs, null, stripOuterParens(rhs), op);
  }

  public Optional<Double> thresholdValue() {
    return Optional.ofNullable(threshold);
  }

  private static String number(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.endsWith("inf")) {
      return lower.startsWith("-") ? "-Infinity" : "Infinity";
    }
    return lower.endsWith("nan") ? "NaN" : s;
  }

  private static String flip(String op) {
    return switch (op) {
      case ">" -> "<";
      case "<" -> ">";
      case ">=" -> "<=";
      case "<=" -> ">=";
      default -> op;
    };
  }

  /** Drops {@code bool}, {@code on(...)}, {@code group_left(...)} and the like before the RHS. */
  private static String stripModifiers(String s) {
    String rest = s;
    while (MODIFIER.matcher(rest).find()) {
      int i = 0;
      while (i < rest.length() && (Character.isLetter(rest.charAt(i)) || rest.charAt(i) == '_')) {
        i++;
      }
      rest = rest.substring(i).strip();
      if (rest.startsWith("(")) {
        int close = closingParen(rest);
        if (close < 0) {
          return "";
        }
        rest = rest.substring(close + 1).strip();
      }
    }
    return rest;
  }

  /** Index of the parenthesis closing the one at 0, or -1. */
  private static int closingParen(String s) {
    Scanner sc = new Scanner(s);
    while (sc.next()) {
      if (sc.depth == 0) {
        return sc.i;
      }
    }
    return -1;
  }

  /** Removes parentheses around the whole expression, in one pass from each end. */
  private static String stripOuterParens(String s) {
    String out = s;
    while (out.startsWith("(") && closingParen(out) == out.length() - 1) {
      out = out.substring(1, out.length() - 1).strip();
    }
    return out;
  }

  /** Position and length of the first comparison at the top level, or null. */
  private static int[] topLevelComparison(String s) {
    Scanner sc = new Scanner(s);
    while (sc.next()) {
      if (sc.depth == 0 && sc.quote == 0) {
        for (String op : COMPARISONS) {
          // "=~" and "!~" only occur inside braces, which are not the top level.
          if (s.startsWith(op, sc.i)) {
            return new int[] {sc.i, op.length()};
          }
        }
      }
    }
    return null;
  }

  /** Position of the first of {@code words} standing alone at the top level, or -1. */
  private static int topLevelWord(String s, String[] words) {
    Scanner sc = new Scanner(s);
    while (sc.next()) {
      if (sc.depth == 0 && sc.quote == 0 && (sc.i == 0 || !word(s.charAt(sc.i - 1)))) {
        for (String w : words) {
          int end = sc.i + w.length();
          if (s.regionMatches(true, sc.i, w, 0, w.length())
              && (end == s.length() || !word(s.charAt(end)))) {
            return sc.i;
          }
        }
      }
    }
    return -1;
  }

  private static boolean word(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  /** Brackets balanced outside string literals. */
  static boolean balanced(String s) {
    Scanner sc = new Scanner(s);
    while (sc.next()) {
      if (sc.depth < 0) {
        return false;
      }
    }
    return sc.depth == 0 && sc.quote == 0;
  }

  /**
   * Walks a PromQL text one character at a time, tracking bracket depth and string literals; at
   * each stop, {@code depth} and {@code quote} describe the position {@code i} itself (a closing
   * bracket already counted).
   */
  private static final class Scanner {
    final String s;
    int i = -1;
    int depth;
    char quote;

    Scanner(String s) {
      this.s = s;
    }

    boolean next() {
      i++;
      if (i >= s.length()) {
        return false;
      }
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        return i < s.length();
      }
      if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == '#') {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? s.length() - 1 : nl;
      }
      return true;
    }
  }
}
