package io.hostwatch.exporter.host;

/**
 * Bytes queued in UDP sockets, summed over the sockets of {@code /proc/net/udp} or {@code udp6}.
 */
public record UdpQueues(double txBytes, double rxBytes) {

  /** A header line, then per socket {@code sl local remote st tx_queue:rx_queue ...} in hex. */
  public static UdpQueues parse(String text) {
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].strip().startsWith("sl")) {
      throw new IllegalArgumentException("udp: no header line");
    }
    double tx = 0;
    double rx = 0;
    for (int l = 1; l < lines.length; l++) {
      String[] f = ProcParsers.fields(lines[l]);
      if (f.length == 0) {
        continue;
      }
      int colon = f.length > 4 ? f[4].indexOf(':') : -1;
      if (f.length < 10 || colon < 0) {
        throw new IllegalArgumentException("udp: malformed line: " + lines[l]);
      }
      tx += Long.parseLong(f[4], 0, colon, 16);
      rx += Long.parseLong(f[4], colon + 1, f[4].length(), 16);
    }
    return new UdpQueues(tx, rx);
  }
}
