package io.hostwatch.exporter.host;

/**
 * One {@code /proc/meminfo} line with node_exporter's name for it: {@code Active(anon)} becomes
 * {@code Active_anon}; {@code bytes} is true when the line had a {@code kB} unit (value already
 * converted to bytes), false for counts like {@code HugePages_Total}.
 */
public record MemoryField(String name, double value, boolean bytes) {}
