package io.hostwatch.forecaster.prom;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Narrows a PromQL expression to some values of one label by adding a matcher to each of its vector
 * selectors: {@code rate(x{a="b"}[5m])} becomes {@code rate(x{instance=~"h1|h2",a="b"}[5m])}.
 * Wrapping the expression in {@code and on(instance)} would give the same answer, but Prometheus
 * would still select and evaluate every series for every part; a matcher in the selector lets it
 * read only the part asked for.
 *
 * <p>This is a lexer, not a parser: it knows strings, comments, braces, brackets, keywords, numbers
 * and durations, and calls an identifier a metric name unless a keyword, a function or aggregation
 * (followed by {@code (} or by {@code by}/{@code without}), or a label in a grouping list. When it
 * meets something it cannot follow, it declines, and the caller queries unsplit.
 */
public final class SelectorFilter {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "atan2",
          "inf",
          "nan");
  private static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private SelectorFilter() {}

  /**
   * {@code promql} with {@code label=~"v1|v2|…"} (the values matched literally) added to every
   * vector selector, or empty when the expression has no selector or cannot be followed.
   */
  public static Optional<String> restrict(String promql, String label, Collection<String> values) {
    String matcher = label + "=~\"" + alternation(values) + "\"";
    StringBuilder out = new StringBuilder(promql.length() + 64);
    String s = promql;
    int n = s.length();
    int i = 0;
    int selectors = 0;
    boolean labelListNext = false;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        out.append(c);
        i++;
      } else if (c == '#') {
        int end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(s, i, end);
        i = end;
      } else if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(s, i);
        if (end < 0) {
          return Optional.empty();
        }
        out.append(s, i, end);
        i = end;
      } else if (c == '{') {
        int end = closing(s, i, '{', '}');
        if (end < 0) {
          return Optional.empty();
        }
        String inner = s.substring(i + 1, end - 1);
        out.append('{').append(matcher);
        if (!inner.isBlank()) {
          out.append(',').append(inner);
        }
        out.append('}');
        selectors++;
        i = end;
      } else if (c == '[') {
        int end = closing(s, i, '[', ']');
        if (end < 0) {
          return Optional.empty();
        }
        out.append(s, i, end);
        i = end;
      } else if (c == '(' && labelListNext) {
        int end = closing(s, i, '(', ')');
        if (end < 0) {
          return Optional.empty();
        }
        out.append(s, i, end);
        i = end;
        labelListNext = false;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
          end++;
        }
        out.append(s, i, end);
        i = end;
      } else if (isIdentStart(c)) {
        int end = i;
        while (end < n && isIdentPart(s.charAt(end))) {
          end++;
        }
        String ident = s.substring(i, end);
        String lower = ident.toLowerCase(Locale.ROOT);
        char next = nextNonSpace(s, end);
        out.append(ident);
        i = end;
        if (KEYWORDS.contains(lower)) {
          labelListNext = GROUPING.contains(lower);
        } else if (next == '(' || startsGrouping(s, end)) {
          // a function or an aggregation: its arguments follow
        } else if (next != '{') {
          out.append('{').append(matcher).append('}');
          selectors++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return selectors == 0 ? Optional.empty() : Optional.of(out.toString());
  }

  /** The values as one RE2 alternation, each matched literally, written as a PromQL string. */
  static String alternation(Collection<String> values) {
    return values.stream()
        .map(SelectorFilter::quoteRegex)
        .map(SelectorFilter::escapeString)
        .collect(Collectors.joining("|"));
  }

  private static String quoteRegex(String v) {
    StringBuilder b = new StringBuilder(v.length() + 8);
    for (char c : v.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String escapeString(String v) {
    StringBuilder b = new StringBuilder(v.length() + 8);
    for (char c : v.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** After an aggregation's name: {@code sum by (x) (…)} or {@code sum without (x) (…)}. */
  private static boolean startsGrouping(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int end = i;
    while (end < s.length() && isIdentPart(s.charAt(end))) {
      end++;
    }
    String word = s.substring(i, end).toLowerCase(Locale.ROOT);
    return word.equals("by") || word.equals("without");
  }

  /** The index just past the string starting at {@code start}, or -1 if it never ends. */
  private static int endOfString(String s, int start) {
    char quote = s.charAt(start);
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The index just past the bracket closing the one at {@code start}, strings skipped. */
  private static int closing(String s, int start, char open, char close) {
    int depth = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        int end = endOfString(s, i);
        if (end < 0) {
          return -1;
        }
        i = end - 1;
      } else if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static char nextNonSpace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return s.charAt(i);
      }
    }
    return 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c);
  }
}
