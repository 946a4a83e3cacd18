package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.List;

/**
 * One CPU's line of {@code /proc/net/softnet_stat}: packets processed, dropped for a full backlog,
 * and times the budget or time ran out. {@code cpu} is the line's index, as node_exporter 1.5
 * labels it.
 */
public record SoftnetStat(int cpu, double processed, double dropped, double timeSqueezed) {

  /** Columns of hexadecimal numbers; kernels since 2.6 write at least nine per line. */
  static final int MIN_COLUMNS = 9;

  public static List<SoftnetStat> parse(String text) {
    List<SoftnetStat> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = ProcParsers.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < MIN_COLUMNS) {
        throw new IllegalArgumentException(
            "softnet_stat: " + f.length + " columns, expected at least " + MIN_COLUMNS);
      }
      out.add(
          new SoftnetStat(
              out.size(),
              Long.parseLong(f[0], 16),
              Long.parseLong(f[1], 16),
              Long.parseLong(f[2], 16)));
    }
    return out;
  }
}
