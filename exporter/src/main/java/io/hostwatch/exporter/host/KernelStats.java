package io.hostwatch.exporter.host;

import java.util.List;

/**
 * What {@code /proc/stat} says beyond CPU times. A value the platform does not know is {@code NaN};
 * collectors leave it out.
 */
public record KernelStats(
    List<CpuTimes> cpus,
    double bootTimeSeconds,
    double contextSwitches,
    double forks,
    double interrupts,
    double procsRunning,
    double procsBlocked) {}
