package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure parsers for the {@code /proc} files the Linux collectors read; each takes the file's text
 * (node_exporter's {@code getLoad} → {@code parseLoad}), so tests feed them strings.
 */
public final class ProcParsers {
  /** {@code sysconf(_SC_CLK_TCK)} is 100 on every Linux architecture node_exporter supports. */
  static final double USER_HZ = 100.0;

  private ProcParsers() {}

  /** {@code /proc/stat}: per-CPU times (the aggregate {@code cpu} line skipped) and counters. */
  public static KernelStats parseStat(String text) {
    requireWholeLines(text, "/proc/stat");
    List<CpuTimes> cpus = new ArrayList<>();
    double btime = Double.NaN;
    double ctxt = Double.NaN;
    double forks = Double.NaN;
    double intr = Double.NaN;
    double running = Double.NaN;
    double blocked = Double.NaN;
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.startsWith("cpu")) {
        String[] f = fields(line);
        if (f.length < 5) {
          // Every kernel since 2.4 gives user, nice, system and idle: fewer is a damaged file,
          // and zeros in their place would read as counter resets.
          throw new IllegalArgumentException(
              "/proc/stat: line "
                  + (n + 1)
                  + ": "
                  + f[0]
                  + " has "
                  + (f.length - 1)
                  + " values, expected at least 4 (user nice system idle)");
        }
        if (f[0].length() > 3) {
          cpus.add(parseCpu(f[0].substring(3), f));
        }
        continue;
      }
      // Only the first number matters; the intr and softirq lines carry hundreds more.
      int space = line.indexOf(' ');
      if (space < 0) {
        continue;
      }
      int end = line.indexOf(' ', space + 1);
      String key = line.substring(0, space);
      String first = line.substring(space + 1, end < 0 ? line.length() : end);
      switch (key) {
        case "btime" -> btime = Double.parseDouble(first);
        case "ctxt" -> ctxt = Double.parseDouble(first);
        case "processes" -> forks = Double.parseDouble(first);
        case "intr" -> intr = Double.parseDouble(first);
        case "procs_running" -> running = Double.parseDouble(first);
        case "procs_blocked" -> blocked = Double.parseDouble(first);
        default -> {}
      }
    }
    return new KernelStats(cpus, btime, ctxt, forks, intr, running, blocked);
  }

  private static CpuTimes parseCpu(String cpu, String[] f) {
    double[] v = new double[10];
    for (int i = 0; i < v.length && i + 1 < f.length; i++) {
      v[i] = Double.parseDouble(f[i + 1]) / USER_HZ;
    }
    return new CpuTimes(cpu, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
  }

  /**
   * {@code /proc/meminfo}, named as node_exporter names it: parentheses become {@code _}, and a
   * {@code kB} value is converted to bytes.
   */
  public static List<MemoryField> parseMeminfo(String text) {
    requireWholeLines(text, "/proc/meminfo");
    List<MemoryField> out = new ArrayList<>(64);
    for (String line : text.split("\n")) {
      String[] f = fields(line);
      if (f.length < 2 || !f[0].endsWith(":")) {
        continue;
      }
      String key = f[0].substring(0, f[0].length() - 1);
      int open = key.indexOf('(');
      if (open >= 0 && key.endsWith(")")) {
        key = key.substring(0, open) + "_" + key.substring(open + 1, key.length() - 1);
      }
      double value = Double.parseDouble(f[1]);
      boolean kb = f.length == 3;
      out.add(new MemoryField(key, kb ? value * 1024 : value, kb));
    }
    return out;
  }

  /**
   * The kernel ends every line of these files with a newline: text that does not end in one was cut
   * short, and its last number may be cut too.
   */
  private static void requireWholeLines(String text, String file) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      int start = text.lastIndexOf('\n') + 1;
      throw new IllegalArgumentException(
          file
              + ": cut short: the last line (\""
              + text.substring(start)
              + "\") has no newline, expected whole lines");
    }
  }

  /** {@code /proc/loadavg}. */
  public static LoadAverage parseLoadavg(String text) {
    String[] f = fields(text);
    if (f.length < 3) {
      throw new IllegalArgumentException("unexpected /proc/loadavg content: " + text.strip());
    }
    return new LoadAverage(
        Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
  }

  /** {@code /proc/<pid>/mounts}: device, mount point, type and the {@code ro} option. */
  public static List<MountPoint> parseMounts(String text) {
    List<MountPoint> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = fields(line);
      if (f.length < 4) {
        continue;
      }
      boolean ro = false;
      for (String option : f[3].split(",")) {
        ro |= option.equals("ro");
      }
      out.add(new MountPoint(unescapeOctal(f[0]), unescapeOctal(f[1]), f[2], ro));
    }
    return out;
  }

  /** The kernel writes space, tab, newline and backslash in mount fields as {@code \040} etc. */
  static String unescapeOctal(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  /** {@code /proc/diskstats}: one entry per device, with whatever fields the kernel reports. */
  public static List<DiskStats> parseDiskstats(String text) {
    List<DiskStats> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = fields(line);
      if (f.length < 14) {
        continue;
      }
      double[] values = new double[f.length - 3];
      for (int i = 0; i < values.length; i++) {
        values[i] = Double.parseDouble(f[i + 3]);
      }
      out.add(new DiskStats(f[2], Integer.parseInt(f[0]), Integer.parseInt(f[1]), values));
    }
    return out;
  }

  /**
   * {@code /proc/net/dev}; the column names come from the header, prefixed {@code receive_} or
   * {@code transmit_} as node_exporter names them.
   */
  public static List<NetDevStats> parseNetDev(String text) {
    String[] lines = text.split("\n");
    if (lines.length < 2 || lines[1].indexOf('|') < 0) {
      throw new IllegalArgumentException("unexpected /proc/net/dev header");
    }
    String[] halves = lines[1].split("\\|");
    String[] rx = fields(halves[1]);
    String[] tx = fields(halves[2]);
    List<NetDevStats> out = new ArrayList<>();
    for (int l = 2; l < lines.length; l++) {
      int colon = lines[l].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String device = lines[l].substring(0, colon).strip();
      String[] v = fields(lines[l].substring(colon + 1));
      Map<String, Double> counters = new LinkedHashMap<>(32);
      for (int i = 0; i < rx.length && i < v.length; i++) {
        counters.put("receive_" + rx[i], Double.parseDouble(v[i]));
      }
      for (int i = 0; i < tx.length && rx.length + i < v.length; i++) {
        counters.put("transmit_" + tx[i], Double.parseDouble(v[rx.length + i]));
      }
      out.add(new NetDevStats(device, counters));
    }
    return out;
  }

  /** {@code /etc/os-release}: {@code KEY=value} lines, values unquoted. */
  public static Map<String, String> parseOsRelease(String text) {
    return parseAssignments(text, "os-release");
  }

  /**
   * Shell-style {@code KEY=value} lines ({@code /etc/os-release}, {@code /etc/selinux/config}),
   * values unquoted; {@code file} names the file in an error.
   */
  public static Map<String, String> parseAssignments(String text, String file) {
    Map<String, String> out = new HashMap<>();
    String[] lines = text.split("\n");
    for (int n = 0; n < lines.length; n++) {
      String l = lines[n].strip();
      int eq = l.indexOf('=');
      if (l.startsWith("#") || eq <= 0) {
        continue;
      }
      String value = l.substring(eq + 1);
      boolean quoted = !value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'');
      if (quoted && (value.length() < 2 || value.charAt(value.length() - 1) != value.charAt(0))) {
        // node_exporter's parser refuses it too: the value's end is unknown.
        throw new IllegalArgumentException(
            file
                + ": line "
                + (n + 1)
                + ": "
                + l.substring(0, eq)
                + ": the value opens a quote ("
                + value.charAt(0)
                + ") it does not close, expected "
                + value.charAt(0)
                + " at the end of the line");
      }
      if (quoted) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\$", "$");
      }
      out.put(l.substring(0, eq), value);
    }
    return out;
  }

  /** Splits on runs of blanks, without the regex engine (this runs on every scrape). */
  static String[] fields(String line) {
    List<String> out = new ArrayList<>(20);
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
