package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Bond;
import io.hostwatch.exporter.host.Host;
import java.util.List;
import java.util.Set;

/**
 * Bonded network interfaces from {@code /sys/class/net/bonding_masters} and each master's {@code
 * bonding/slaves} and slaves' {@code bonding_slave/mii_status}: {@code node_bonding_slaves} and
 * {@code node_bonding_active} (slaves whose link is up), both {@code {master}}. A host without the
 * bonding driver has no {@code bonding_masters} and reports failure, as node_exporter does.
 */
final class BondingCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "bonding",
          "bonded network interfaces (/sys/class/net/bonding_masters)",
          ctx -> new BondingCollector(ctx.host()));

  static final String SLAVES = "node_bonding_slaves";
  static final String ACTIVE = "node_bonding_active";
  private static final Set<String> OWNED = Set.of(SLAVES, ACTIVE);

  private final Host host;

  BondingCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    List<Bond> bonds = host.bonding();
    MetricSink.Family slaves =
        out.gauge(SLAVES, "Number of configured slaves per bonding interface.", "master");
    MetricSink.Family active =
        out.gauge(ACTIVE, "Number of active slaves per bonding interface.", "master");
    for (Bond b : bonds) {
      slaves.add(b.slaves(), b.master());
      active.add(b.active(), b.master());
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
