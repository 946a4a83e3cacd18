package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure of {@code /proc/net/sockstat} or {@code sockstat6}: {@code TCP} sockets in state
 * {@code inuse}, or {@code sockets} {@code used}. {@code mem} is in pages; the parser adds {@code
 * mem_bytes} after it, as node_exporter does.
 */
public record SockStat(String protocol, String state, double value) {

  /** {@code PROTO: key value key value...} lines; {@code pageSize} converts {@code mem}. */
  public static List<SockStat> parse(String text, long pageSize) {
    List<SockStat> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = ProcParsers.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length % 2 != 1 || f.length < 3 || !f[0].endsWith(":")) {
        throw new IllegalArgumentException("sockstat: malformed line: " + line);
      }
      String protocol = f[0].substring(0, f[0].length() - 1);
      for (int i = 1; i < f.length; i += 2) {
        double v = Double.parseDouble(f[i + 1]);
        out.add(new SockStat(protocol, f[i], v));
        if (f[i].equals("mem")) {
          out.add(new SockStat(protocol, "mem_bytes", v * pageSize));
        }
      }
    }
    return out;
  }
}
