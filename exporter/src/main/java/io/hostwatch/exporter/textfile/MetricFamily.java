package io.hostwatch.exporter.textfile;

import java.util.List;
import java.util.Map;

/**
 * One metric family as read from a {@code *.prom} file: the model between the text and client_java
 * snapshots, so that families from several files can be merged and checked before conversion.
 *
 * @param name the family name ({@code http_requests_total}; for a histogram {@code latency}, not
 *     {@code latency_bucket})
 * @param help the HELP text, or null when the file has none
 * @param line the line that introduced the family (its TYPE, HELP or first sample)
 */
public record MetricFamily(String name, Type type, String help, List<Sample> samples, int line) {

  /** The types of the text format, spelled as in a TYPE line. */
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    SUMMARY,
    UNTYPED;

    String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One sample line.
   *
   * @param name the sample name as written ({@code latency_bucket})
   * @param labels label name to value, sorted by name
   * @param file the file it was read from, and {@code line} its line there, for messages
   */
  public record Sample(
      String name, Map<String, String> labels, double value, String file, int line) {
    /** The series identity: name and labels, as Prometheus keys a series. */
    String seriesKey() {
      return name + labels;
    }

    TextfileException error(String problem) {
      return new TextfileException(file, line, 1, problem);
    }
  }

  /** The same family with another HELP text. */
  MetricFamily withHelp(String newHelp) {
    return new MetricFamily(name, type, newHelp, samples, line);
  }
}
