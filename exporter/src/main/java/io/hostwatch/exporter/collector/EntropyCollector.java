package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.EntropyStats;
import io.hostwatch.exporter.host.Host;
import java.util.Set;

/**
 * {@code node_entropy_available_bits} and {@code node_entropy_pool_size_bits} from {@code
 * /proc/sys/kernel/random/entropy_avail} and {@code poolsize}.
 */
final class EntropyCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "entropy",
          "available entropy (/proc/sys/kernel/random)",
          ctx -> new EntropyCollector(ctx.host()));

  static final String AVAILABLE = "node_entropy_available_bits";
  static final String POOL_SIZE = "node_entropy_pool_size_bits";
  private static final Set<String> OWNED = Set.of(AVAILABLE, POOL_SIZE);

  private final Host host;

  EntropyCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    EntropyStats e = host.entropy();
    out.gauge(AVAILABLE, "Bits of available entropy.", e.availableBits());
    out.gauge(POOL_SIZE, "Bits of entropy pool.", e.poolSizeBits());
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
