package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.MemoryField;

/**
 * Every {@code /proc/meminfo} field as node_exporter names it: {@code node_memory_MemTotal_bytes},
 * {@code node_memory_Active_anon_bytes}, {@code node_memory_HugePages_Total} (a count, no unit).
 * Elsewhere OSHI's totals under the same Linux names.
 */
final class MeminfoCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "meminfo",
          true,
          "memory figures (/proc/meminfo)",
          ctx -> new MeminfoCollector(ctx.host()));

  private final Host host;

  MeminfoCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    for (MemoryField f : host.memory()) {
      String field = f.bytes() ? f.name() + "_bytes" : f.name();
      out.gauge("node_memory_" + field, "Memory information field " + field + ".", f.value());
    }
  }
}
