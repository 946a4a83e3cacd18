package io.hostwatch.exporter.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One protocol counter of {@code /proc/net/netstat}, {@code /proc/net/snmp} or {@code
 * /proc/net/snmp6}: {@code protocol} {@code Tcp}, {@code name} {@code RetransSegs}.
 */
public record NetStat(String protocol, String name, double value) {

  /** The key node_exporter filters and names by: {@code Tcp_RetransSegs}. */
  public String key() {
    return protocol + "_" + name;
  }

  /**
   * {@code /proc/net/netstat} and {@code /proc/net/snmp}: pairs of lines, {@code Proto: names...}
   * then {@code Proto: values...}. Adds to {@code out} the fields whose key {@code fields} finds.
   */
  public static void parseTables(String text, Pattern fields, List<NetStat> out) {
    String[] lines = text.split("\n");
    for (int l = 0; l < lines.length; l += 2) {
      if (lines[l].isEmpty()) {
        continue;
      }
      String[] names = ProcParsers.fields(lines[l]);
      String[] values = l + 1 < lines.length ? ProcParsers.fields(lines[l + 1]) : new String[0];
      if (names.length != values.length || !names[0].endsWith(":")) {
        throw new IllegalArgumentException(
            "field count mismatch for " + names[0] + " " + names.length + " vs " + values.length);
      }
      String protocol = names[0].substring(0, names[0].length() - 1);
      for (int i = 1; i < names.length; i++) {
        add(protocol, names[i], values[i], fields, out);
      }
    }
  }

  /**
   * {@code /proc/net/snmp6}: {@code Ip6InReceives 4} lines; the protocol is the name up to and
   * including its first {@code 6} (node_exporter's split), lines without a {@code 6} are skipped.
   */
  public static void parseSnmp6(String text, Pattern fields, List<NetStat> out) {
    for (String line : text.split("\n")) {
      String[] f = ProcParsers.fields(line);
      if (f.length < 2) {
        if (f.length == 1) {
          throw new IllegalArgumentException("snmp6: " + f[0] + " without a value");
        }
        continue;
      }
      int six = f[0].indexOf('6');
      if (six >= 0) {
        add(f[0].substring(0, six + 1), f[0].substring(six + 1), f[1], fields, out);
      }
    }
  }

  private static void add(
      String protocol, String name, String value, Pattern fields, List<NetStat> out) {
    if (fields.matcher(protocol + "_" + name).find()) {
      out.add(new NetStat(protocol, name, Double.parseDouble(value)));
    }
  }
}
