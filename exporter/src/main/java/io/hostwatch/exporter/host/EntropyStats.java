package io.hostwatch.exporter.host;

/**
 * The kernel's entropy pool, {@code /proc/sys/kernel/random/entropy_avail} and {@code poolsize}, in
 * bits.
 */
public record EntropyStats(double availableBits, double poolSizeBits) {

  /** The two files' texts, each one integer. */
  public static EntropyStats parse(String entropyAvail, String poolSize) {
    return new EntropyStats(number(entropyAvail), number(poolSize));
  }

  private static double number(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("random: empty file");
    }
    return Long.parseLong(s);
  }
}
