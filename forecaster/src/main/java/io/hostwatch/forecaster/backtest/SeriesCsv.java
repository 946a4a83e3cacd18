package io.hostwatch.forecaster.backtest;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code timestamp,value} CSVs: NAB's {@code YYYY-MM-DD HH:MM:SS} (UTC) or epoch seconds, an
 * optional header, and aligns the samples on a regular grid (the median spacing), NaN where a step
 * has no sample.
 */
public final class SeriesCsv {
  static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private SeriesCsv() {}

  /** A regular series: value i is at {@code start + i * step} (epoch seconds). */
  public record Grid(String name, long start, long step, double[] values) {
    public long timeAt(int i) {
      return start + i * step;
    }
  }

  /**
   * One data row as written: its line number, the timestamp text exactly as in the file, the time
   * in epoch seconds and the value (NaN for an empty or {@code NaN} field).
   */
  public record Row(int line, String timestamp, long time, double value) {}

  /** Parses the text of {@code fileName}; all bad lines are reported at once. */
  public static Grid parse(String text, String fileName) throws ConfigException {
    List<Row> rows = rows(text, fileName);
    long[] t = rows.stream().mapToLong(Row::time).toArray();
    double[] v = rows.stream().mapToDouble(Row::value).toArray();
    return align(fileName, t, v);
  }

  /** The rows of {@code fileName} in file order; all bad lines are reported at once. */
  public static List<Row> rows(String text, String fileName) throws ConfigException {
    List<ConfigError> errors = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()
          || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("timestamp"))) {
        continue;
      }
      int comma = line.indexOf(',');
      if (comma < 0) {
        errors.add(new ConfigError(fileName, i + 1, 1, "", "expected 'timestamp,value'"));
        continue;
      }
      String ts = line.substring(0, comma).strip();
      String v = line.substring(comma + 1).strip();
      long t;
      try {
        t = parseTime(ts);
      } catch (IllegalArgumentException e) {
        errors.add(
            new ConfigError(
                fileName,
                i + 1,
                1,
                "timestamp",
                "cannot parse '" + ts + "' (expected YYYY-MM-DD HH:MM:SS or epoch seconds)"));
        continue;
      }
      double value;
      try {
        value = v.isEmpty() || v.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        errors.add(
            new ConfigError(
                fileName,
                i + 1,
                comma + 2,
                "value",
                "cannot parse '" + v + "' (expected a number)"));
        continue;
      }
      rows.add(new Row(i + 1, ts, t, value));
    }
    if (rows.size() < 2 && errors.isEmpty()) {
      errors.add(
          new ConfigError(
              fileName, lines.length, 1, "", "fewer than 2 samples (expected a series)"));
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return rows;
  }

  static long parseTime(String ts) {
    if (ts.matches("\\d+(\\.\\d+)?")) {
      return (long) Double.parseDouble(ts);
    }
    try {
      return LocalDateTime.parse(ts, NAB).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Places samples on the grid of the median spacing; the later of two samples in a slot wins. */
  static Grid align(String name, long[] t, double[] v) {
    long[] d = new long[t.length - 1];
    for (int i = 1; i < t.length; i++) {
      d[i - 1] = t[i] - t[i - 1];
    }
    long[] sorted = d.clone();
    Arrays.sort(sorted);
    long step = Math.max(1, sorted[(sorted.length - 1) / 2]); // the lower median
    long start = Arrays.stream(t).min().orElse(0);
    long end = Arrays.stream(t).max().orElse(0);
    int len = (int) Math.min(10_000_000, (end - start) / step + 1);
    double[] grid = new double[len];
    Arrays.fill(grid, Double.NaN);
    for (int i = 0; i < t.length; i++) {
      long slot = Math.round((double) (t[i] - start) / step);
      if (slot >= 0 && slot < len) {
        grid[(int) slot] = v[i];
      }
    }
    return new Grid(name, start, step, grid);
  }

  /** One way to parse a file's text: {@link #parse} or {@link #rows}. */
  public interface Parser<T> {
    T parse(String text, String fileName) throws ConfigException;
  }

  /** Reads and parses {@code file}; on a problem adds it to {@code errors} and returns null. */
  public static <T> T read(Path file, Parser<T> parser, List<ConfigError> errors) {
    try {
      return parser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (ConfigException e) {
      errors.addAll(e.errors());
    } catch (IOException e) {
      errors.add(new ConfigError(file.toString(), 0, 0, "", "cannot read file: " + e.getMessage()));
    }
    return null;
  }
}
