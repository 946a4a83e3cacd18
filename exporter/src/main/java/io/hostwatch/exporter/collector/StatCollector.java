package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.KernelStats;

/**
 * Kernel counters from {@code /proc/stat}: {@code node_boot_time_seconds}, {@code
 * node_context_switches_total}, {@code node_forks_total}, {@code node_intr_total}, {@code
 * node_procs_running}, {@code node_procs_blocked}. What the OS does not report is left out.
 */
final class StatCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "stat",
          true,
          "boot time, context switches, forks (/proc/stat)",
          ctx -> new StatCollector(ctx.host()));

  private final Host host;

  StatCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    KernelStats s = host.kernelStats();
    gauge(out, "node_boot_time_seconds", "Node boot time, in unixtime.", s.bootTimeSeconds());
    counter(
        out,
        "node_context_switches_total",
        "Total number of context switches.",
        s.contextSwitches());
    counter(out, "node_forks_total", "Total number of forks.", s.forks());
    counter(out, "node_intr_total", "Total number of interrupts serviced.", s.interrupts());
    gauge(out, "node_procs_running", "Number of processes in runnable state.", s.procsRunning());
    gauge(
        out,
        "node_procs_blocked",
        "Number of processes blocked waiting for I/O to complete.",
        s.procsBlocked());
  }

  private static void gauge(MetricSink out, String name, String help, double v) {
    if (!Double.isNaN(v)) {
      out.gauge(name, help, v);
    }
  }

  private static void counter(MetricSink out, String name, String help, double v) {
    if (!Double.isNaN(v)) {
      out.counter(name, help, v);
    }
  }
}
