package io.hostwatch.rulesgen.spec;

import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The alert families that mirror the node-mixin's alerts. Unlike {@link Kind}, each is generated
 * with the mixin's defaults when its key is absent (someone coming from the mixin must not lose an
 * alert), and dropped with {@code enabled: false}. Leveled families publish their levels as
 * threshold series, so the per-host overrides work as they do for {@link Kind}.
 */
public enum Family {
  INODES(
      "inodes",
      "HostInodesLow",
      Unit.FREE_PERCENT,
      "hostwatch:threshold_inodes_free:percent",
      5.0,
      3.0,
      Duration.ofHours(1),
      null),
  INODES_FILL(
      "inodes_fill",
      "HostInodesWillRunOut",
      Unit.FREE_PERCENT,
      "hostwatch:threshold_inodes_fill_free:percent",
      40.0,
      20.0,
      Duration.ofHours(1),
      null),
  NETWORK_ERRORS(
      "network_errors",
      "HostNetworkErrors",
      Unit.PERCENT,
      "hostwatch:threshold_network_errors:percent",
      1.0,
      null,
      Duration.ofHours(1),
      null),
  CONNTRACK(
      "conntrack",
      "HostConntrackFull",
      Unit.PERCENT,
      "hostwatch:threshold_conntrack_used:percent",
      75.0,
      null,
      null,
      null),
  CLOCK_SKEW(
      "clock_skew",
      "HostClockSkew",
      Unit.SECONDS,
      "hostwatch:threshold_clock_offset:seconds",
      0.05,
      null,
      Duration.ofMinutes(10),
      null),
  CLOCK_SYNC(
      "clock_sync",
      "HostClockNotSynced",
      Unit.NONE,
      null,
      null,
      null,
      Duration.ofMinutes(10),
      Severity.WARNING),
  FILE_DESCRIPTORS(
      "file_descriptors",
      "HostFileDescriptorsLow",
      Unit.PERCENT,
      "hostwatch:threshold_filefd_used:percent",
      70.0,
      90.0,
      Duration.ofMinutes(15),
      null),
  TEXTFILE("textfile", "HostTextfileError", Unit.NONE, null, null, null, null, Severity.WARNING),
  RAID(
      "raid",
      "HostRaidDegraded",
      Unit.NONE,
      null,
      null,
      null,
      Duration.ofMinutes(15),
      Severity.CRITICAL),
  SYSTEMD(
      "systemd",
      "HostSystemdUnitFailed",
      Unit.NONE,
      null,
      null,
      null,
      Duration.ofMinutes(5),
      Severity.WARNING),
  RAID_DISK_FAILURE(
      "raid_disk_failure",
      "HostRaidDiskFailure",
      Unit.NONE,
      null,
      null,
      null,
      null,
      Severity.WARNING),
  LOAD(
      "load",
      "HostLoadSaturated",
      Unit.NUMBER,
      "hostwatch:threshold_load1_per_cpu:ratio",
      2.0,
      null,
      Duration.ofMinutes(15),
      null),
  MAJOR_PAGE_FAULTS(
      "major_page_faults",
      "HostMemoryMajorPageFaults",
      Unit.NUMBER,
      "hostwatch:threshold_pgmajfault:rate5m",
      500.0,
      null,
      Duration.ofMinutes(15),
      null),
  DISK_IO(
      "disk_io",
      "HostDiskIoSaturated",
      Unit.NUMBER,
      "hostwatch:threshold_disk_io_queue:rate5m",
      10.0,
      null,
      Duration.ofMinutes(30),
      null),
  SYSTEMD_CRASHLOOP(
      "systemd_crashloop",
      "HostSystemdUnitCrashlooping",
      Unit.NUMBER,
      "hostwatch:threshold_systemd_restarts:increase5m",
      2.0,
      null,
      Duration.ofMinutes(15),
      null),
  BONDING(
      "bonding",
      "HostBondingDegraded",
      Unit.NONE,
      null,
      null,
      null,
      Duration.ofMinutes(5),
      Severity.WARNING);

  /** What a level is measured in, and so which side of it fires. */
  public enum Unit {
    /** Fires above; 0 to 100, and 100 can never be exceeded. */
    PERCENT,
    /** Fires below; 0 to 100, and nothing is below 0. */
    FREE_PERCENT,
    /** Fires above; any positive number of seconds. */
    SECONDS,
    /** Fires above; any positive number (load per core, events per second, restarts). */
    NUMBER,
    /** No level: the alert fires on a state. */
    NONE
  }

  private final String key;
  private final String alertName;
  private final Unit unit;
  private final String thresholdSeries;
  private final Double warning;
  private final Double critical;
  private final Duration forDuration;
  private final Severity severity;

  Family(
      String key,
      String alertName,
      Unit unit,
      String thresholdSeries,
      Double warning,
      Double critical,
      Duration forDuration,
      Severity severity) {
    this.key = key;
    this.alertName = alertName;
    this.unit = unit;
    this.thresholdSeries = thresholdSeries;
    this.warning = warning;
    this.critical = critical;
    this.forDuration = forDuration;
    this.severity = severity;
  }

  /** The key under {@code thresholds:} (and under {@code overrides[].thresholds:} if leveled). */
  public String key() {
    return key;
  }

  public String alertName() {
    return alertName;
  }

  public Unit unit() {
    return unit;
  }

  public boolean leveled() {
    return unit != Unit.NONE;
  }

  /** Whether the alert fires when the value is below the level rather than above. */
  public boolean below() {
    return unit == Unit.FREE_PERCENT;
  }

  /** The recording rule that publishes each instance's level, with a {@code severity} label. */
  public String thresholdSeries() {
    return thresholdSeries;
  }

  /** The mixin's level for {@code s}, or null when the mixin has none. */
  public Double defaultLevel(Severity s) {
    return s == Severity.WARNING ? warning : critical;
  }

  /** The mixin's {@code for}; null where the mixin has none and {@code defaults.for} applies. */
  public Duration defaultFor() {
    return forDuration;
  }

  /** The mixin's severity of a family without levels. */
  public Severity defaultSeverity() {
    return severity;
  }

  public static List<Family> leveledFamilies() {
    return Arrays.stream(values()).filter(Family::leveled).toList();
  }
}
