package io.hostwatch.exporter.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Netfilter connection tracking: the table's entries and limit ({@code
 * /proc/sys/net/netfilter/nf_conntrack_{count,max}}) and the per-CPU counters of {@code
 * /proc/net/stat/nf_conntrack}, summed over the CPUs, by the kernel's column names.
 */
public record ConntrackStats(double entries, double limit, Map<String, Double> stats) {

  /**
   * {@code /proc/net/stat/nf_conntrack}: a header of column names, then one line of hexadecimal
   * numbers per CPU. Columns are found by name because kernels have added and renamed some.
   */
  public static Map<String, Double> parseStat(String text) {
    String[] lines = text.split("\n");
    String[] header = ProcParsers.fields(lines[0]);
    double[] sums = new double[header.length];
    int cpus = 0;
    for (int l = 1; l < lines.length; l++) {
      String[] v = ProcParsers.fields(lines[l]);
      if (v.length == 0) {
        continue;
      }
      if (v.length != header.length) {
        throw new IllegalArgumentException(
            "nf_conntrack: " + v.length + " columns for " + header.length + " names");
      }
      for (int i = 0; i < v.length; i++) {
        sums[i] += Long.parseLong(v[i], 16);
      }
      cpus++;
    }
    if (cpus == 0) {
      throw new IllegalArgumentException("nf_conntrack: no CPU lines");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < header.length; i++) {
      out.put(header[i], sums[i]);
    }
    return out;
  }
}
