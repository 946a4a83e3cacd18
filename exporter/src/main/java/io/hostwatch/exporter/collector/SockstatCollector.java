package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.SockStat;

/**
 * Socket counts from {@code /proc/net/sockstat} and {@code sockstat6}: {@code
 * node_sockstat_sockets_used} and {@code node_sockstat_<PROTO>_<state>} ({@code TCP_inuse}, {@code
 * TCP_tw}, {@code UDP6_inuse}...), with {@code _mem_bytes} from the page counts. Without IPv6 the
 * IPv4 figures alone.
 */
final class SockstatCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "sockstat",
          "sockets in use by protocol (/proc/net/sockstat, sockstat6)",
          ctx -> new SockstatCollector(ctx.host()));

  private final Host host;

  SockstatCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    for (SockStat s : host.sockstat()) {
      if (s.protocol().equals("sockets") && s.state().equals("used")) {
        out.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.", s.value());
      } else {
        out.gauge(
            "node_sockstat_" + s.protocol() + "_" + s.state(),
            "Number of " + s.protocol() + " sockets in state " + s.state() + ".",
            s.value());
      }
    }
  }
}
