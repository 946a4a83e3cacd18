package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.PressureStats;
import java.util.Set;

/**
 * Pressure stall information from {@code /proc/pressure} (Linux 4.20+ with PSI on): {@code
 * node_pressure_cpu_waiting_seconds_total}, {@code node_pressure_io_waiting_seconds_total}, {@code
 * node_pressure_io_stalled_seconds_total}, {@code node_pressure_memory_waiting_seconds_total},
 * {@code node_pressure_memory_stalled_seconds_total}. node_exporter 1.5 has no cpu "full" figure,
 * so neither has this.
 */
final class PressureCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "pressure",
          "pressure stall information (/proc/pressure)",
          ctx -> new PressureCollector(ctx.host()));

  private static final Set<String> OWNED =
      Set.of(
          "node_pressure_cpu_waiting_seconds",
          "node_pressure_io_waiting_seconds",
          "node_pressure_io_stalled_seconds",
          "node_pressure_memory_waiting_seconds",
          "node_pressure_memory_stalled_seconds");

  private final Host host;

  PressureCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    PressureStats cpu = host.pressure("cpu");
    PressureStats io = host.pressure("io");
    PressureStats memory = host.pressure("memory");
    out.counter(
        "node_pressure_cpu_waiting_seconds_total",
        "Total time in seconds that processes have waited for CPU time",
        cpu.someSeconds());
    out.counter(
        "node_pressure_io_waiting_seconds_total",
        "Total time in seconds that processes have waited due to IO congestion",
        io.someSeconds());
    out.counter(
        "node_pressure_io_stalled_seconds_total",
        "Total time in seconds no process could make progress due to IO congestion",
        full(io, "io"));
    out.counter(
        "node_pressure_memory_waiting_seconds_total",
        "Total time in seconds that processes have waited for memory",
        memory.someSeconds());
    out.counter(
        "node_pressure_memory_stalled_seconds_total",
        "Total time in seconds no process could make progress due to memory congestion",
        full(memory, "memory"));
  }

  private static double full(PressureStats s, String resource) {
    if (Double.isNaN(s.fullSeconds())) {
      throw new IllegalStateException("/proc/pressure/" + resource + " has no 'full' line");
    }
    return s.fullSeconds();
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
