package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.hostwatch.exporter.textfile.MetricFamily.Type;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one {@code *.prom} file the way node_exporter's textfile collector does (Go's {@code
 * expfmt.TextParser}, then the collector's own checks), stopping at the first problem with its
 * file, line and column:
 *
 * <pre>{@code
 * MetricSnapshots snapshots = TextfileParser.parse(text, "/var/lib/node_exporter/backup.prom");
 * }</pre>
 *
 * <p>Like node_exporter it rejects a file whose samples carry timestamps, a second HELP or TYPE
 * line for a name, a TYPE line after the family's samples, and unknown types. It also rejects the
 * same series twice, which node_exporter only notices later while serving (it then drops one
 * silently): here the whole file is refused with the line of the repeat.
 */
public final class TextfileParser {
  private TextfileParser() {}

  /** {@code text} (the content of {@code file}) as client_java snapshots. */
  public static MetricSnapshots parse(String text, String file) throws TextfileException {
    List<MetricFamily> families = new ArrayList<>();
    for (MetricFamily f : parseFamilies(text, file)) {
      families.add(f.help() == null ? f.withHelp("Metric read from " + file) : f);
    }
    return SnapshotConverter.convert(families);
  }

  /** The families of {@code text} in order of appearance; families without samples are dropped. */
  public static List<MetricFamily> parseFamilies(String text, String file)
      throws TextfileException {
    Builder builder = new Builder(file);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      builder.line(i + 1, line);
    }
    return builder.families();
  }

  /** The family being filled for each name, with the series seen so far. */
  private static final class FamilyState {
    final String name;
    final int line;
    Type type;
    String help;
    final List<Sample> samples = new ArrayList<>();
    final Map<String, Integer> seriesLines = new HashMap<>();

    FamilyState(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }

  private static final class Builder {
    private final String file;
    private final Map<String, FamilyState> byName = new LinkedHashMap<>();
    private int lineNumber;

    Builder(String file) {
      this.file = file;
    }

    void line(int number, String text) throws TextfileException {
      lineNumber = number;
      LineScanner in = new LineScanner(file, number, text);
      in.skipBlanks();
      if (in.atEnd()) {
        return;
      }
      if (in.peek() == '#') {
        comment(in);
      } else {
        sample(in);
      }
    }

    private void comment(LineScanner in) throws TextfileException {
      in.advance(); // the '#'
      in.skipBlanks();
      String keyword = in.word();
      if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
        return; // an ordinary comment
      }
      in.skipBlanks();
      int nameAt = in.position();
      String name = in.metricName();
      if (!in.atEnd() && !in.atBlank()) {
        throw in.error("invalid metric name in " + keyword + " line (expected a blank after it)");
      }
      FamilyState family = byName.computeIfAbsent(name, n -> new FamilyState(n, lineNumber));
      if (keyword.equals("HELP")) {
        if (family.help != null) {
          throw in.errorAt(nameAt, "second HELP line for metric name " + name);
        }
        family.help = in.helpText();
        return;
      }
      if (family.type != null) {
        throw in.errorAt(
            nameAt, "second TYPE line for metric name " + name + ", or TYPE after its samples");
      }
      in.skipBlanks();
      int typeAt = in.position();
      family.type = typeOf(in.word(), in, typeAt);
      in.skipBlanks();
      if (!in.atEnd()) {
        throw in.error("unexpected text after the type of " + name + " (expected end of line)");
      }
    }

    private static Type typeOf(String word, LineScanner in, int at) throws TextfileException {
      for (Type t : Type.values()) {
        if (t.name().equals(word.toUpperCase(Locale.ROOT))) {
          return t;
        }
      }
      throw in.errorAt(
          at,
          "unknown metric type \""
              + word
              + "\" (expected counter, gauge, histogram, summary"
              + " or untyped)");
    }

    private void sample(LineScanner in) throws TextfileException {
      LineScanner.SampleLine s = in.sample();
      if (s.timestamp() != null) {
        throw new TextfileException(
            file,
            lineNumber,
            1,
            "sample "
                + s.name()
                + " has a client-side timestamp, which the textfile collector does not support"
                + " (the whole file is skipped)");
      }
      FamilyState family = familyOf(s.name());
      if (family.type == null) {
        family.type = Type.UNTYPED;
      }
      SampleRules.check(family.name, family.type, s, in);
      Sample sample = new Sample(s.name(), s.labels(), s.value(), file, lineNumber);
      Integer first = family.seriesLines.putIfAbsent(sample.seriesKey(), lineNumber);
      if (first != null) {
        throw new TextfileException(
            file,
            lineNumber,
            1,
            "duplicate series " + s.name() + s.labels() + " (first at line " + first + ")");
      }
      family.samples.add(sample);
    }

    /** The family a sample belongs to: its own name, or a summary or histogram it is part of. */
    private FamilyState familyOf(String sampleName) {
      FamilyState own = byName.get(sampleName);
      if (own != null) {
        return own;
      }
      for (String suffix : List.of("_sum", "_count", "_bucket")) {
        if (sampleName.endsWith(suffix)) {
          String base = sampleName.substring(0, sampleName.length() - suffix.length());
          FamilyState f = byName.get(base);
          if (f != null
              && (f.type == Type.HISTOGRAM
                  || (f.type == Type.SUMMARY && !suffix.equals("_bucket")))) {
            return f;
          }
        }
      }
      FamilyState created = new FamilyState(sampleName, lineNumber);
      byName.put(sampleName, created);
      return created;
    }

    List<MetricFamily> families() {
      List<MetricFamily> out = new ArrayList<>();
      for (FamilyState f : byName.values()) {
        if (!f.samples.isEmpty()) {
          out.add(new MetricFamily(f.name, f.type, f.help, List.copyOf(f.samples), f.line));
        }
      }
      return out;
    }
  }
}
