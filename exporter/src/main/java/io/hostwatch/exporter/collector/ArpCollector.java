package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.ArpEntries;
import io.hostwatch.exporter.host.Host;
import java.util.Set;

/**
 * {@code node_arp_entries{device}} from {@code /proc/net/arp}, filtered by {@code
 * --collector.arp.device-include} / {@code -exclude}.
 */
final class ArpCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "arp",
          "ARP entries by device (/proc/net/arp)",
          ctx -> new ArpCollector(ctx.host(), ctx.options()));

  static final String NAME = "node_arp_entries";
  private static final Set<String> OWNED = Set.of(NAME);

  private final Host host;
  private final CollectorOptions options;

  ArpCollector(Host host, CollectorOptions options) {
    this.host = host;
    this.options = options;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family f = out.gauge(NAME, "ARP entries by device", "device");
    for (ArpEntries e : host.arp()) {
      if (!options.excludesArpDevice(e.device())) {
        f.add(e.entries(), e.device());
      }
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
