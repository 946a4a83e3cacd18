package io.hostwatch.exporter.collector;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a collector puts its metric families. Names are given in full, as node_exporter exposes
 * them ({@code node_cpu_seconds_total}); the {@code _total} of a counter is handed to client_java
 * as its suffix, so text, OpenMetrics and protobuf all show the same name.
 */
public final class MetricSink {
  private final List<Family> families = new ArrayList<>();
  private final List<MetricSnapshot> ready = new ArrayList<>();

  /** A family another part already built (the textfile collector's). */
  public void add(MetricSnapshot snapshot) {
    ready.add(snapshot);
  }

  /** A gauge family without labels and with one value. */
  public void gauge(String name, String help, double value) {
    gauge(name, help).add(value);
  }

  /** A counter family without labels and with one value. */
  public void counter(String name, String help, double value) {
    counter(name, help).add(value);
  }

  /** A gauge family with the given label names; add samples with {@link Family#add}. */
  public Family gauge(String name, String help, String... labelNames) {
    Family f = new Family(name, help, Kind.GAUGE, labelNames);
    families.add(f);
    return f;
  }

  /** A counter family; {@code name} ends in {@code _total}. */
  public Family counter(String name, String help, String... labelNames) {
    Family f = new Family(name, help, Kind.COUNTER, labelNames);
    families.add(f);
    return f;
  }

  /**
   * An untyped family without labels and with one value: node_exporter exposes the raw kernel
   * tables ({@code /proc/vmstat}, {@code /proc/net/netstat}) untyped, counters and gauges mixed.
   */
  public void untyped(String name, String help, double value) {
    Family f = new Family(name, help, Kind.UNTYPED, new String[0]);
    families.add(f);
    f.add(value);
  }

  /** The families collected so far, as client_java snapshots; empty families are left out. */
  public List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>(families.size() + ready.size());
    out.addAll(ready);
    for (Family f : families) {
      if (!f.isEmpty()) {
        out.add(f.build());
      }
    }
    return out;
  }

  private enum Kind {
    COUNTER,
    GAUGE,
    UNTYPED
  }

  /** One metric family being filled. */
  public static final class Family {
    private final String name;
    private final String help;
    private final Kind kind;
    private final String[] labelNames;
    private final List<Labels> labels = new ArrayList<>();
    private double[] values = new double[4];

    Family(String name, String help, Kind kind, String[] labelNames) {
      boolean counter = kind == Kind.COUNTER;
      if (counter && !name.endsWith("_total")) {
        throw new IllegalArgumentException("counter " + name + " must end in _total");
      }
      this.name = counter ? name.substring(0, name.length() - "_total".length()) : name;
      this.help = help;
      this.kind = kind;
      this.labelNames = labelNames;
    }

    /** Adds one sample; {@code labelValues} in the order of the family's label names. */
    public Family add(double value, String... labelValues) {
      if (labelValues.length != labelNames.length) {
        throw new IllegalArgumentException(
            name + ": " + labelValues.length + " label values for " + labelNames.length + " names");
      }
      int i = labels.size();
      if (i == values.length) {
        values = java.util.Arrays.copyOf(values, i * 2);
      }
      values[i] = value;
      labels.add(labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues));
      return this;
    }

    boolean isEmpty() {
      return labels.isEmpty();
    }

    MetricSnapshot build() {
      if (kind == Kind.UNTYPED) {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
        for (int i = 0; i < labels.size(); i++) {
          b.dataPoint(
              UnknownDataPointSnapshot.builder().value(values[i]).labels(labels.get(i)).build());
        }
        return b.build();
      }
      if (kind == Kind.COUNTER) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (int i = 0; i < labels.size(); i++) {
          b.dataPoint(
              CounterDataPointSnapshot.builder().value(values[i]).labels(labels.get(i)).build());
        }
        return b.build();
      }
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      for (int i = 0; i < labels.size(); i++) {
        b.dataPoint(
            GaugeDataPointSnapshot.builder().value(values[i]).labels(labels.get(i)).build());
      }
      return b.build();
    }
  }
}
