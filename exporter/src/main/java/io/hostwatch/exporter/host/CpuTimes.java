package io.hostwatch.exporter.host;

/**
 * Seconds one CPU spent in each mode since boot, as {@code /proc/stat} counts them. {@code guest}
 * and {@code guestNice} are already included in {@code user} and {@code nice} by the kernel.
 */
public record CpuTimes(
    String cpu,
    double user,
    double nice,
    double system,
    double idle,
    double iowait,
    double irq,
    double softirq,
    double steal,
    double guest,
    double guestNice) {}
