package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.usage.Usage;
import io.hostwatch.exporter.usage.UsageSampler;
import java.util.Map;
import java.util.Set;

/**
 * One-number host figures, for dashboards and alerts written for psutil-style agents, from the
 * background {@link UsageSampler}: {@code cpu_usage_percent}, {@code memory_usage_percent}, {@code
 * disk_usage_percent{mountpoint}}, {@code network_bytes_sent_total}, {@code
 * network_bytes_recv_total}. A scrape only reads the last sample.
 */
final class UsageCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "usage",
          true,
          "simple CPU/memory/disk/network figures, sampled every --collector.sample-interval",
          ctx -> new UsageCollector(ctx.sampler()));

  private final UsageSampler sampler;

  UsageCollector(UsageSampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public Set<String> ownedNames() {
    // The CPU figure needs two samples: until then it is absent, but still this collector's.
    return Set.of(
        "cpu_usage_percent",
        "memory_usage_percent",
        "disk_usage_percent",
        "network_bytes_sent",
        "network_bytes_recv");
  }

  @Override
  public void collect(MetricSink out) {
    Usage u = sampler.latest();
    if (!Double.isNaN(u.cpuPercent())) {
      out.gauge(
          "cpu_usage_percent",
          "Busy CPU time over the last sample interval, in percent of all CPUs' time.",
          u.cpuPercent());
    }
    if (!Double.isNaN(u.memoryPercent())) {
      out.gauge(
          "memory_usage_percent",
          "Memory in use (total minus available), in percent of total memory.",
          u.memoryPercent());
    }
    MetricSink.Family disk =
        out.gauge(
            "disk_usage_percent",
            "Filesystem space not available to non-root users, in percent of its size.",
            "mountpoint");
    for (Map.Entry<String, Double> e : u.diskPercentByMountpoint().entrySet()) {
      disk.add(e.getValue(), e.getKey());
    }
    out.counter(
        "network_bytes_sent_total",
        "Bytes sent by all non-loopback network devices.",
        u.networkBytesSent());
    out.counter(
        "network_bytes_recv_total",
        "Bytes received by all non-loopback network devices.",
        u.networkBytesReceived());
  }
}
