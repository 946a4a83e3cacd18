package io.hostwatch.exporter.usage;

import java.util.Map;

/**
 * The one-number host figures (psutil-style percentages and byte counts) at the last sample. A
 * percentage not yet known (the CPU needs two samples) is {@code NaN}. Network counters only grow:
 * device resets and removals are absorbed.
 */
public record Usage(
    double cpuPercent,
    double memoryPercent,
    Map<String, Double> diskPercentByMountpoint,
    double networkBytesSent,
    double networkBytesReceived) {

  static final Usage EMPTY = new Usage(Double.NaN, Double.NaN, Map.of(), 0, 0);
}
