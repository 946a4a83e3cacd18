package io.hostwatch.exporter.host;

/**
 * The kernel's file handle table, {@code /proc/sys/fs/file-nr}: handles allocated and the most it
 * will allocate ({@code fs.file-max}).
 */
public record FileFdStats(double allocated, double maximum) {

  /**
   * {@code /proc/sys/fs/file-nr}: three numbers, allocated, unused (always 0 since 2.6) and max.
   */
  public static FileFdStats parse(String text) {
    String[] f = ProcParsers.fields(text);
    if (f.length != 3) {
      throw new IllegalArgumentException(
          "unexpected /proc/sys/fs/file-nr content: " + text.strip());
    }
    return new FileFdStats(Double.parseDouble(f[0]), Double.parseDouble(f[2]));
  }
}
