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
    Duration sampleInterval,
    Pattern vmstatFields,
    Pattern netstatFields,
    Pattern netclassIgnoredDevices,
    boolean netclassIgnoreInvalidSpeed,
    Pattern arpDeviceInclude,
    Pattern arpDeviceExclude) {

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

  /** node_exporter 1.5's default {@code --collector.vmstat.fields}. */
  public static final String VMSTAT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

  /** node_exporter 1.5's default {@code --collector.netstat.fields}. */
  public static final String NETSTAT_FIELDS =
      "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
          + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
          + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
          + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

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
        Duration.ofSeconds(5),
        Pattern.compile(VMSTAT_FIELDS),
        Pattern.compile(NETSTAT_FIELDS),
        Pattern.compile("^$"),
        false,
        null,
        null);
  }

  /** Whether the arp collector skips this device (node_exporter's device filter). */
  public boolean excludesArpDevice(String device) {
    return (arpDeviceExclude != null && arpDeviceExclude.matcher(device).find())
        || (arpDeviceInclude != null && !arpDeviceInclude.matcher(device).find());
  }

  /** Whether the filesystem collectors skip this mount. */
  public boolean excludesMount(String mountPoint, String fsType) {
    return mountPointsExclude.matcher(mountPoint).find() || fsTypesExclude.matcher(fsType).find();
  }
}
