package io.hostwatch.exporter.host;

import java.util.Map;

/**
 * The counters of one network device, keyed by node_exporter's names ({@code receive_bytes}, {@code
 * transmit_colls}, ...), in a stable order.
 */
public record NetDevStats(String device, Map<String, Double> counters) {}
