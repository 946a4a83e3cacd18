package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns parsed families into client_java snapshots.
 *
 * <p>Two places where client_java cannot say what node_exporter says: a counter whose name does not
 * end in {@code _total} would be renamed {@code x_total} by client_java's writers, which breaks
 * every query on {@code x}; such a family is served as untyped under its own name. Histogram {@code
 * le} values are printed by client_java in Java's float syntax ({@code le="1.0"} where the file
 * said {@code le="1"}).
 *
 * <p>Like node_exporter, samples of a family that lack a label other samples have get it with an
 * empty value, so every series of a family has the same label names.
 */
final class SnapshotConverter {
  private SnapshotConverter() {}

  static MetricSnapshots convert(List<MetricFamily> families) throws TextfileException {
    List<MetricSnapshot> out = new ArrayList<>();
    for (MetricFamily f : families) {
      out.add(convert(f));
    }
    return new MetricSnapshots(out);
  }

  /** One family; an error names the line of the sample at fault. */
  static MetricSnapshot convert(MetricFamily f) throws TextfileException {
    try {
      return convertUnchecked(f);
    } catch (IllegalArgumentException e) {
      // client_java's own checks (a reserved name, say), which expfmt does not make.
      throw f.samples().get(0).error("metric " + f.name() + ": " + e.getMessage());
    }
  }

  private static MetricSnapshot convertUnchecked(MetricFamily f) throws TextfileException {
    List<Sample> samples = withAllLabelNames(f.samples());
    return switch (f.type()) {
      case COUNTER -> f.name().endsWith("_total") ? counter(f, samples) : untyped(f, samples);
      case GAUGE -> gauge(f, samples);
      case UNTYPED -> untyped(f, samples);
      case HISTOGRAM -> HistogramConverter.histogram(f, samples);
      case SUMMARY -> summary(f, samples);
    };
  }

  private static MetricSnapshot counter(MetricFamily f, List<Sample> samples) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(f.name()).help(f.help());
    for (Sample s : samples) {
      b.dataPoint(
          CounterSnapshot.CounterDataPointSnapshot.builder()
              .value(s.value())
              .labels(labels(s.labels()))
              .build());
    }
    return b.build();
  }

  private static MetricSnapshot gauge(MetricFamily f, List<Sample> samples) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(f.name()).help(f.help());
    for (Sample s : samples) {
      b.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder()
              .value(s.value())
              .labels(labels(s.labels()))
              .build());
    }
    return b.build();
  }

  private static MetricSnapshot untyped(MetricFamily f, List<Sample> samples) {
    UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(f.name()).help(f.help());
    for (Sample s : samples) {
      b.dataPoint(
          UnknownSnapshot.UnknownDataPointSnapshot.builder()
              .value(s.value())
              .labels(labels(s.labels()))
              .build());
    }
    return b.build();
  }

  private static MetricSnapshot summary(MetricFamily f, List<Sample> samples)
      throws TextfileException {
    Map<Map<String, String>, List<Sample>> groups = groupWithout(samples, "quantile");
    SummarySnapshot.Builder b = SummarySnapshot.builder().name(f.name()).help(f.help());
    for (Map.Entry<Map<String, String>, List<Sample>> g : groups.entrySet()) {
      List<Quantile> quantiles = new ArrayList<>();
      var point = SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels(g.getKey()));
      for (Sample s : g.getValue()) {
        if (s.name().equals(f.name())) {
          quantiles.add(new Quantile(SampleRules.parse(s.labels().get("quantile")), s.value()));
        } else if (s.name().endsWith("_sum")) {
          point.sum(s.value());
        } else {
          point.count(count(s));
        }
      }
      b.dataPoint(point.quantiles(Quantiles.of(quantiles)).build());
    }
    return b.build();
  }

  /** A {@code _count} or bucket value, which the data model holds as a whole number. */
  static long count(Sample s) throws TextfileException {
    double v = s.value();
    if (v < 0 || v != Math.rint(v) || Double.isInfinite(v)) {
      throw s.error(s.name() + " is " + v + " (expected a non-negative whole number)");
    }
    return (long) v;
  }

  /** The samples grouped by their labels without {@code special}, in order. */
  static Map<Map<String, String>, List<Sample>> groupWithout(List<Sample> samples, String special) {
    Map<Map<String, String>, List<Sample>> groups = new LinkedHashMap<>();
    for (Sample s : samples) {
      Map<String, String> key = new TreeMap<>(s.labels());
      if (!s.name().endsWith("_sum") && !s.name().endsWith("_count")) {
        key.remove(special);
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
    }
    return groups;
  }

  static Labels labels(Map<String, String> labels) {
    return Labels.of(new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values()));
  }

  private static List<Sample> withAllLabelNames(List<Sample> samples) {
    TreeSet<String> names = new TreeSet<>();
    for (Sample s : samples) {
      names.addAll(s.labels().keySet());
    }
    names.remove("le");
    names.remove("quantile");
    List<Sample> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      if (s.labels().keySet().containsAll(names)) {
        out.add(s);
        continue;
      }
      Map<String, String> filled = new TreeMap<>(s.labels());
      for (String n : names) {
        filled.putIfAbsent(n, "");
      }
      out.add(new Sample(s.name(), filled, s.value(), s.file(), s.line()));
    }
    return out;
  }
}
