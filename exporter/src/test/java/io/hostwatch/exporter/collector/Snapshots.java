package io.hostwatch.exporter.collector;

import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading a scrape's snapshots in the collector tests: series by labels, success per collector. */
final class Snapshots {
  private Snapshots() {}

  /** {@code node_scrape_collector_success} of one collector. */
  static double success(List<MetricSnapshot> s, String collector) {
    return ScrapeCoordinatorTest.value(s, ScrapeCoordinator.SUCCESS, collector);
  }

  /** Labels from name, value pairs, ordered as {@link #series} keys them. */
  static Map<String, String> labels(String... pairs) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** A family's samples by labels; {@code name} as client_java keeps it (no {@code _total}). */
  static Map<Map<String, String>, Double> series(List<MetricSnapshot> s, String name) {
    Map<Map<String, String>, Double> out = new TreeMap<>(Comparator.comparing(Object::toString));
    for (MetricSnapshot m : s) {
      if (!m.getMetadata().getName().equals(name)) {
        continue;
      }
      for (DataPointSnapshot p : m.getDataPoints()) {
        Map<String, String> labels = new TreeMap<>();
        p.getLabels().forEach(l -> labels.put(l.getName(), l.getValue()));
        out.put(labels, value(p));
      }
    }
    return out;
  }

  /** One sample's value; fails naming what there is instead. */
  static double value(List<MetricSnapshot> s, String name, Map<String, String> labels) {
    Double v = series(s, name).get(new TreeMap<>(labels));
    if (v == null) {
      throw new AssertionError("no " + name + labels + " in " + series(s, name));
    }
    return v;
  }

  private static double value(DataPointSnapshot p) {
    if (p instanceof GaugeDataPointSnapshot g) {
      return g.getValue();
    }
    if (p instanceof CounterDataPointSnapshot c) {
      return c.getValue();
    }
    return ((UnknownDataPointSnapshot) p).getValue();
  }
}
