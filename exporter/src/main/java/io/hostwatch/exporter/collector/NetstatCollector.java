package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.NetStat;
import java.util.regex.Pattern;

/**
 * {@code node_netstat_<Protocol>_<Field>} (untyped, as node_exporter) from {@code
 * /proc/net/netstat}, {@code /proc/net/snmp} and {@code /proc/net/snmp6}, for the fields {@code
 * --collector.netstat.fields} finds; by default the TCP, UDP, ICMP and IP figures dashboards use.
 */
final class NetstatCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "netstat",
          "network protocol statistics (/proc/net/netstat, snmp, snmp6)",
          ctx -> new NetstatCollector(ctx.host(), ctx.options().netstatFields()));

  private final Host host;
  private final Pattern fields;

  NetstatCollector(Host host, Pattern fields) {
    this.host = host;
    this.fields = fields;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    for (NetStat s : host.netstat(fields)) {
      out.untyped(
          "node_netstat_" + s.key(), "Statistic " + s.protocol() + s.name() + ".", s.value());
    }
  }
}
