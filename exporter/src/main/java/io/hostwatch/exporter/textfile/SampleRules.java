package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Type;

/**
 * What a sample of a histogram or summary must look like: {@code x_bucket} with a float {@code le},
 * {@code x} with a float {@code quantile}, plus {@code _sum} and {@code _count}, as expfmt demands.
 */
final class SampleRules {
  private SampleRules() {}

  static void check(String family, Type type, LineScanner.SampleLine s, LineScanner in)
      throws TextfileException {
    String suffix = s.name().substring(family.length());
    if (type == Type.HISTOGRAM) {
      switch (suffix) {
        case "_bucket" -> requireFloatLabel(s, "le", in);
        case "_sum", "_count" -> {}
        default ->
            throw in.error(
                "sample "
                    + s.name()
                    + " of histogram "
                    + family
                    + " (expected "
                    + family
                    + "_bucket, _sum or _count)");
      }
    } else if (type == Type.SUMMARY && suffix.isEmpty()) {
      requireFloatLabel(s, "quantile", in);
    }
  }

  private static void requireFloatLabel(LineScanner.SampleLine s, String label, LineScanner in)
      throws TextfileException {
    String value = s.labels().get(label);
    if (value == null) {
      throw in.error("sample " + s.name() + " has no " + label + " label");
    }
    if (parse(value) == null) {
      throw in.error("label " + label + "=\"" + value + "\" of " + s.name() + " is not a float");
    }
  }

  /** A label value as a float ({@code +Inf} included), or null. */
  static Double parse(String value) {
    String v = value.trim();
    if (v.equalsIgnoreCase("+Inf") || v.equalsIgnoreCase("Inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (v.equalsIgnoreCase("-Inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      if (v.matches("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:nan)")) {
        return Double.parseDouble(v);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return null;
  }
}
