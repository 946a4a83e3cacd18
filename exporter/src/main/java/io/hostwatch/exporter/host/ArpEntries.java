package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many neighbours {@code /proc/net/arp} lists on one device. */
public record ArpEntries(String device, int entries) {

  /** A header line ({@code IP address HW type ...}), then one line per entry, device last. */
  public static List<ArpEntries> parse(String text) {
    Map<String, Integer> byDevice = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = ProcParsers.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < 6) {
        throw new IllegalArgumentException("arp: unexpected table format: " + line);
      }
      if (!f[0].equals("IP")) {
        byDevice.merge(f[f.length - 1], 1, Integer::sum);
      }
    }
    List<ArpEntries> out = new ArrayList<>(byDevice.size());
    byDevice.forEach((device, n) -> out.add(new ArpEntries(device, n)));
    return out;
  }
}
