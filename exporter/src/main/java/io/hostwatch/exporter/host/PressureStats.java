package io.hostwatch.exporter.host;

/**
 * Pressure stall information of one resource, {@code /proc/pressure/<cpu|io|memory>}: the total
 * time some (and all, {@code full}) non-idle tasks were stalled, in seconds. {@code full} is NaN
 * where the file has no such line (cpu before Linux 5.13).
 */
public record PressureStats(double someSeconds, double fullSeconds) {

  /** {@code some avg10=.. avg60=.. avg300=.. total=<µs>} and the same for {@code full}. */
  public static PressureStats parse(String text) {
    double some = Double.NaN;
    double full = Double.NaN;
    for (String line : text.split("\n")) {
      String[] f = ProcParsers.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length != 5 || !f[4].startsWith("total=")) {
        throw new IllegalArgumentException("pressure: malformed line: " + line);
      }
      // Two divisions, not one by 1e6, to round as node_exporter does.
      double seconds = Long.parseLong(f[4].substring("total=".length())) / 1000.0 / 1000.0;
      switch (f[0]) {
        case "some" -> some = seconds;
        case "full" -> full = seconds;
        default -> throw new IllegalArgumentException("pressure: unknown line: " + line);
      }
    }
    if (Double.isNaN(some)) {
      throw new IllegalArgumentException("pressure: no 'some' line");
    }
    return new PressureStats(some, full);
  }
}
