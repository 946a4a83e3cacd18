package io.hostwatch.exporter;

import io.hostwatch.common.cli.DurationConverter;
import io.hostwatch.exporter.collector.CollectorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The collectors' own flags, node_exporter's names and defaults, mixed into {@link Main}'s command
 * line; {@link #options()} hands them to the collectors as one record.
 */
final class CollectorFlags {
  @Option(
      names = "--collector.filesystem.mount-points-exclude",
      defaultValue = CollectorOptions.MOUNT_POINTS_EXCLUDE,
      description = "Regexp of mount points to exclude (default: ${DEFAULT-VALUE}).")
  Pattern mountPointsExclude;

  @Option(
      names = "--collector.filesystem.fs-types-exclude",
      defaultValue = CollectorOptions.FS_TYPES_EXCLUDE,
      description = "Regexp of filesystem types to exclude (default: ${DEFAULT-VALUE}).")
  Pattern fsTypesExclude;

  @Option(
      names = "--collector.filesystem.mount-timeout",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "How long to wait for statfs of a mount before marking it stuck (default: ${DEFAULT-VALUE}).")
  Duration mountTimeout;

  @Option(
      names = "--collector.diskstats.device-exclude",
      defaultValue = CollectorOptions.DISK_DEVICE_EXCLUDE,
      description = "Regexp of block devices to exclude (default: ${DEFAULT-VALUE}).")
  Pattern diskDeviceExclude;

  @Option(
      names = "--collector.netdev.device-exclude",
      description = "Regexp of network devices to exclude.")
  Pattern netdevDeviceExclude;

  @Option(
      names = "--collector.netdev.device-include",
      description = "Regexp of network devices to include (all when unset).")
  Pattern netdevDeviceInclude;

  @Option(
      names = "--collector.textfile.directory",
      description = "Directory to read *.prom text files with metrics from.")
  Path textfileDirectory;

  @Option(
      names = "--collector.sample-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "How often the usage collector samples the host (default: ${DEFAULT-VALUE}).")
  Duration sampleInterval;

  @Option(
      names = "--collector.vmstat.fields",
      defaultValue = CollectorOptions.VMSTAT_FIELDS,
      description = "Regexp of fields to return for vmstat collector (default: ${DEFAULT-VALUE}).")
  Pattern vmstatFields;

  @Option(
      names = "--collector.netstat.fields",
      defaultValue = CollectorOptions.NETSTAT_FIELDS,
      description = "Regexp of fields to return for netstat collector (default: ${DEFAULT-VALUE}).")
  Pattern netstatFields;

  @Option(
      names = "--collector.netclass.ignored-devices",
      defaultValue = "^$",
      description =
          "Regexp of net devices to ignore for netclass collector (default: ${DEFAULT-VALUE}).")
  Pattern netclassIgnoredDevices;

  @Option(
      names = "--collector.netclass.ignore-invalid-speed",
      description = "Ignore devices where the speed is invalid.")
  boolean netclassIgnoreInvalidSpeed;

  @Option(
      names = "--collector.arp.device-include",
      description = "Regexp of arp devices to include (mutually exclusive to device-exclude).")
  Pattern arpDeviceInclude;

  @Option(
      names = "--collector.arp.device-exclude",
      description = "Regexp of arp devices to exclude (mutually exclusive to device-include).")
  Pattern arpDeviceExclude;

  CollectorOptions options() {
    return new CollectorOptions(
        mountPointsExclude,
        fsTypesExclude,
        mountTimeout,
        diskDeviceExclude,
        netdevDeviceExclude,
        netdevDeviceInclude,
        textfileDirectory,
        sampleInterval,
        vmstatFields,
        netstatFields,
        netclassIgnoredDevices,
        netclassIgnoreInvalidSpeed,
        arpDeviceInclude,
        arpDeviceExclude);
  }
}
