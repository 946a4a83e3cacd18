package io.hostwatch.exporter.collector;

/**
 * One source of metrics, run once per scrape (node_exporter's {@code Collector}). A collector that
 * throws is reported with {@code node_scrape_collector_success{collector} 0}; the scrape goes on.
 */
public interface Collector {

  /** Adds this collector's metric families to {@code out}. */
  void collect(MetricSink out) throws Exception;
}
