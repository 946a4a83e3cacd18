package io.hostwatch.rulesgen.promtool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the few Go template forms the generated annotations use, exactly as Prometheus does, so
 * the generated promtool tests can state the annotations they expect.
 */
public final class GoTemplates {
  private static final Pattern ACTION =
      Pattern.compile(
          "\\{\\{ (\\$labels\\.(\\w+)|\\$value(?: \\| (humanize|humanizeDuration))?) }}");

  private GoTemplates() {}

  static String expand(String template, Map<String, String> labels, double value) {
    Matcher m = ACTION.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String out;
      if (m.group(2) != null) {
        out = labels.getOrDefault(m.group(2), "");
      } else if ("humanize".equals(m.group(3))) {
        out = humanize(value);
      } else if ("humanizeDuration".equals(m.group(3))) {
        out = humanizeDuration(value);
      } else {
        out = plain(value);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(out));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Prometheus' {@code humanize}: SI prefixes and four significant digits. */
  static String humanize(double v) {
    if (v == 0) {
      return "0";
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("humanize of " + v + " is not reproduced here");
    }
    if (Math.abs(v) < 1) {
      String[] small = {"", "m", "u", "n", "p", "f", "a", "z", "y"};
      int j = 0;
      while (Math.abs(v) < 1 && j < small.length - 1) {
        v *= 1000;
        j++;
      }
      return g4(v) + small[j];
    }
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    int i = 0;
    while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
      v /= 1000;
      i++;
    }
    return g4(v) + prefixes[i];
  }

  /** Prometheus' {@code humanizeDuration} for values of a second or more. */
  static String humanizeDuration(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) < 1) {
      throw new IllegalArgumentException("humanizeDuration of " + v + " is not reproduced here");
    }
    String sign = v < 0 ? "-" : "";
    long d = (long) Math.abs(v);
    long s = d % 60;
    long m = (d / 60) % 60;
    long h = (d / 3600) % 24;
    long days = d / 86400;
    if (days != 0) {
      return String.format("%s%dd %dh %dm %ds", sign, days, h, m, s);
    }
    if (h != 0) {
      return String.format("%s%dh %dm %ds", sign, h, m, s);
    }
    if (m != 0) {
      return String.format("%s%dm %ds", sign, m, s);
    }
    return sign + g4(Math.abs(v)) + "s";
  }

  /** Go's {@code %.4g} for 1 <= |v| < 1000 (no exponent there). */
  private static String g4(double v) {
    return new BigDecimal(v)
        .round(new MathContext(4, RoundingMode.HALF_EVEN))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Go's {@code %v} of a float64 for the small integers used here. */
  private static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
