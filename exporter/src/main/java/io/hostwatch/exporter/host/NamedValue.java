package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One {@code name value} line of a kernel table such as {@code /proc/vmstat}. */
public record NamedValue(String name, double value) {

  /**
   * {@code /proc/vmstat}: the fields whose names {@code fields} finds (unanchored, as Go's {@code
   * MatchString}); the others are not even converted, as most scrapes want a handful of ~180.
   */
  public static List<NamedValue> parseVmstat(String text, Pattern fields) {
    List<NamedValue> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      if (space <= 0) {
        throw new IllegalArgumentException("/proc/vmstat: line without a value: " + line);
      }
      String name = line.substring(0, space);
      if (fields.matcher(name).find()) {
        out.add(new NamedValue(name, Double.parseDouble(line.substring(space + 1).strip())));
      }
    }
    return out;
  }
}
