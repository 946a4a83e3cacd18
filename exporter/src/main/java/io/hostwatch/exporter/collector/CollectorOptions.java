package io.hostwatch.exporter.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The collectors' own flags ({@code --collector.filesystem.mount-points-exclude} and the like). A
 * {@code null} pattern means no filter.
 */
public record CollectorOptions(
    Pattern mountPointsExclude,
    Pattern fsTypesExclude,
    Duration mountTimeout,
    Pattern diskDeviceExclude,
    Pattern netdevDeviceExclude,
    Pattern netdevDeviceInclude,
    Path textfileDirectory,
    Duration sampleInterval) {

  /** node_exporter 1.5's default {@code --collector.filesystem.mount-points-exclude}. */
  public static final String MOUNT_POINTS_EXCLUDE =
      "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)";

  /** node_exporter 1.5's default {@code --collector.filesystem.fs-types-exclude}. */
  public static final String FS_TYPES_EXCLUDE =
      "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
          + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
          + "|squashfs|sysfs|tracefs)$";

  /** node_exporter 1.5's default {@code --collector.diskstats.device-exclude}. */
  public static final String DISK_DEVICE_EXCLUDE =
      "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  /** The defaults, as the flags have them. */
  public static CollectorOptions defaults() {
    return new CollectorOptions(
        Pattern.compile(MOUNT_POINTS_EXCLUDE),
        Pattern.compile(FS_TYPES_EXCLUDE),
        Duration.ofSeconds(5),
        Pattern.compile(DISK_DEVICE_EXCLUDE),
        null,
        null,
        null,
        Duration.ofSeconds(5));
  }

  /** Whether the filesystem collectors skip this mount. */
  public boolean excludesMount(String mountPoint, String fsType) {
    return mountPointsExclude.matcher(mountPoint).find() || fsTypesExclude.matcher(fsType).find();
  }
}
