package io.hostwatch.exporter.host;

/**
 * The counters of one block device from {@code /proc/diskstats}, in the kernel's order
 * (Documentation/admin-guide/iostats.rst): reads completed, reads merged, sectors read, ms reading,
 * writes completed, writes merged, sectors written, ms writing, I/Os in progress, ms doing I/O,
 * weighted ms doing I/O, then (kernel 4.18+) discards completed, merged, sectors, ms, then (5.5+)
 * flushes completed and ms. Fields the kernel does not report are absent ({@code fields.length}).
 */
public record DiskStats(String device, int major, int minor, double[] fields) {}
