package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.NamedValue;
import java.util.regex.Pattern;

/**
 * {@code node_vmstat_<field>} (untyped, as node_exporter) for the {@code /proc/vmstat} fields that
 * {@code --collector.vmstat.fields} finds; by default page-ins/outs, swap-ins/outs, page faults and
 * OOM kills.
 */
final class VmstatCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "vmstat",
          "virtual memory statistics (/proc/vmstat)",
          ctx -> new VmstatCollector(ctx.host(), ctx.options().vmstatFields()));

  private final Host host;
  private final Pattern fields;

  VmstatCollector(Host host, Pattern fields) {
    this.host = host;
    this.fields = fields;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    for (NamedValue v : host.vmstat(fields)) {
      out.untyped(
          "node_vmstat_" + v.name(), "/proc/vmstat information field " + v.name() + ".", v.value());
    }
  }
}
