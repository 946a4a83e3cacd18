package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.CpuTimes;
import io.hostwatch.exporter.host.Host;

/**
 * CPU time per CPU and mode from {@code /proc/stat} (OSHI's processor ticks elsewhere): {@code
 * node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}}.
 */
final class CpuCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "cpu", true, "CPU time per mode (/proc/stat)", ctx -> new CpuCollector(ctx.host()));

  static final String SECONDS = "node_cpu_seconds_total";
  static final String GUEST_SECONDS = "node_cpu_guest_seconds_total";

  private final Host host;

  CpuCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family seconds =
        out.counter(SECONDS, "Seconds the CPUs spent in each mode.", "cpu", "mode");
    MetricSink.Family guest =
        out.counter(
            GUEST_SECONDS, "Seconds the CPUs spent in guests (VMs) for each mode.", "cpu", "mode");
    for (CpuTimes c : host.kernelStats().cpus()) {
      String cpu = c.cpu();
      seconds.add(c.user(), cpu, "user");
      seconds.add(c.nice(), cpu, "nice");
      seconds.add(c.system(), cpu, "system");
      seconds.add(c.idle(), cpu, "idle");
      seconds.add(c.iowait(), cpu, "iowait");
      seconds.add(c.irq(), cpu, "irq");
      seconds.add(c.softirq(), cpu, "softirq");
      seconds.add(c.steal(), cpu, "steal");
      guest.add(c.guest(), cpu, "user");
      guest.add(c.guestNice(), cpu, "nice");
    }
  }
}
