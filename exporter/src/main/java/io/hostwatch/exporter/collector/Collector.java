package io.hostwatch.exporter.collector;

/**
 * One source of metrics, run once per scrape (node_exporter's {@code Collector}). A collector that
 * throws is reported with {@code node_scrape_collector_success{collector} 0}; the scrape goes on.
 */
public interface Collector {

  /** Adds this collector's metric families to {@code out}. */
  void collect(MetricSink out) throws Exception;

  /**
   * Names this collector owns even in a scrape where it has no value for them yet (as exposed:
   * counters without {@code _total}), so textfiles cannot take them over meanwhile.
   */
  default java.util.Set<String> ownedNames() {
    return java.util.Set.of();
  }
}
