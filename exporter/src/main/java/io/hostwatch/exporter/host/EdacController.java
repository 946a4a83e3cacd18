package io.hostwatch.exporter.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One memory controller of {@code /sys/devices/system/edac/mc/mc<N>/}: its corrected and
 * uncorrected error counts ({@code ce_count}, {@code ue_count}), those the kernel could not place
 * on a chip-select row ({@code ce_noinfo_count}, {@code ue_noinfo_count}), and its rows ({@code
 * csrow<M>/}). {@code controller} and {@code csrow} are the numbers of the directory names.
 */
public record EdacController(
    String controller,
    double correctable,
    double correctableNoInfo,
    double uncorrectable,
    double uncorrectableNoInfo,
    List<Csrow> csrows) {

  /** One chip-select row's counts. */
  public record Csrow(String csrow, double correctable, double uncorrectable) {}

  private static final Pattern UNSIGNED = Pattern.compile("[0-9]+");

  /**
   * A count file's text, an unsigned 64-bit integer with surrounding spaces; {@code file} names it
   * in the error.
   */
  public static double count(String file, String text) {
    String s = text.strip();
    if (UNSIGNED.matcher(s).matches()) {
      try {
        long v = Long.parseUnsignedLong(s);
        return v >= 0 ? v : v + 0x1p64;
      } catch (NumberFormatException e) {
        // beyond 64 bits: refused below
      }
    }
    throw new IllegalArgumentException(
        file + ": expected an unsigned integer (error count), got \"" + s + "\"");
  }

  /** The digits that start {@code name} after {@code prefix} ({@code mc0} gives {@code 0}). */
  public static String number(String name, String prefix) {
    int end = prefix.length();
    while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9') {
      end++;
    }
    return name.substring(prefix.length(), end);
  }
}
