package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.SoftnetStat;
import java.util.List;
import java.util.Set;

/**
 * Per-CPU packet processing from {@code /proc/net/softnet_stat}: {@code
 * node_softnet_processed_total{cpu}}, {@code node_softnet_dropped_total{cpu}}, {@code
 * node_softnet_times_squeezed_total{cpu}}.
 */
final class SoftnetCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "softnet",
          "per-CPU packet processing (/proc/net/softnet_stat)",
          ctx -> new SoftnetCollector(ctx.host()));

  private static final Set<String> OWNED =
      Set.of("node_softnet_processed", "node_softnet_dropped", "node_softnet_times_squeezed");

  /** {@code cpu} label values, made once: the CPUs do not change between scrapes. */
  private volatile String[] cpuLabels = new String[0];

  private final Host host;

  SoftnetCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    List<SoftnetStat> stats = host.softnet();
    String[] cpus = labels(stats.size());
    MetricSink.Family processed =
        out.counter("node_softnet_processed_total", "Number of processed packets", "cpu");
    MetricSink.Family dropped =
        out.counter("node_softnet_dropped_total", "Number of dropped packets", "cpu");
    MetricSink.Family squeezed =
        out.counter(
            "node_softnet_times_squeezed_total",
            "Number of times processing packets ran out of quota",
            "cpu");
    for (SoftnetStat s : stats) {
      String cpu = cpus[s.cpu()];
      processed.add(s.processed(), cpu);
      dropped.add(s.dropped(), cpu);
      squeezed.add(s.timeSqueezed(), cpu);
    }
  }

  private String[] labels(int n) {
    String[] l = cpuLabels;
    if (l.length < n) {
      l = new String[n];
      for (int i = 0; i < n; i++) {
        l[i] = Integer.toString(i);
      }
      cpuLabels = l;
    }
    return l;
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
