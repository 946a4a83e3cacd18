package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.UdpQueues;
import java.nio.file.NoSuchFileException;
import java.util.Set;

/**
 * {@code node_udp_queues{queue="rx|tx",ip="v4|v6"}}: bytes queued in UDP sockets, from {@code
 * /proc/net/udp} and {@code udp6}. A missing file (IP version disabled) is skipped; both missing
 * fails the collector, as node_exporter's.
 */
final class UdpQueuesCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "udp_queues",
          "UDP socket queue sizes (/proc/net/udp, udp6)",
          ctx -> new UdpQueuesCollector(ctx.host()));

  static final String NAME = "node_udp_queues";
  private static final Set<String> OWNED = Set.of(NAME);

  private final Host host;

  UdpQueuesCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family f =
        out.gauge(
            NAME,
            "Number of allocated memory in the kernel for UDP datagrams in bytes.",
            "queue",
            "ip");
    NoSuchFileException missing = null;
    for (boolean v6 : new boolean[] {false, true}) {
      try {
        UdpQueues q = host.udpQueues(v6);
        String ip = v6 ? "v6" : "v4";
        f.add(q.txBytes(), "tx", ip);
        f.add(q.rxBytes(), "rx", ip);
      } catch (NoSuchFileException e) {
        if (missing != null) {
          throw e;
        }
        missing = e;
      }
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
