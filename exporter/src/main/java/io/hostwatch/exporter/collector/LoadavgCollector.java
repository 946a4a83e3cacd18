package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.LoadAverage;

/** {@code node_load1}, {@code node_load5}, {@code node_load15} from {@code /proc/loadavg}. */
final class LoadavgCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "loadavg",
          true,
          "load averages (/proc/loadavg)",
          ctx -> new LoadavgCollector(ctx.host()));

  private final Host host;

  LoadavgCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    LoadAverage l = host.loadAverage();
    out.gauge("node_load1", "1m load average.", l.one());
    out.gauge("node_load5", "5m load average.", l.five());
    out.gauge("node_load15", "15m load average.", l.fifteen());
  }
}
