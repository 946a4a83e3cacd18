package io.hostwatch.exporter.host;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What the collectors need to know about the machine, as plain records. {@link LinuxHost} reads
 * {@code /proc} and {@code /sys}; {@link OshiHost} asks OSHI on macOS and Windows. {@link
 * #forCurrentOs} picks one at start-up.
 *
 * <p>A method may throw {@link UnsupportedOperationException} where the platform has no such
 * figure; the collector then reports failure and the scrape goes on.
 */
public interface Host {

  /** Per-CPU times and kernel counters ({@code /proc/stat}). */
  KernelStats kernelStats() throws IOException;

  /** Memory figures ({@code /proc/meminfo}). */
  List<MemoryField> memory() throws IOException;

  /** Mounted filesystems, mount points relative to the root filesystem. */
  List<MountPoint> mounts() throws IOException;

  /** Space and inodes of one mount; may block on a hung network mount, so call it guarded. */
  FsUsage fsUsage(MountPoint mount) throws IOException;

  /** Block device counters ({@code /proc/diskstats}). */
  List<DiskStats> diskStats() throws IOException;

  /** Extra properties of a block device (udev's {@code ID_PATH}, {@code ID_MODEL}, ...). */
  Map<String, String> diskProperties(DiskStats disk);

  /** Network device counters ({@code /proc/net/dev}). */
  List<NetDevStats> netDev() throws IOException;

  /** Load averages ({@code /proc/loadavg}). */
  LoadAverage loadAverage() throws IOException;

  /** Kernel and host names ({@code uname(2)}). */
  UnameInfo uname() throws IOException;

  /** The OS identification ({@code /etc/os-release}), keys as in that file. */
  Map<String, String> osRelease() throws IOException;

  /** Available and current clock sources, when the platform has them. */
  default ClockSources clockSources() throws IOException {
    return new ClockSources(List.of(), "");
  }

  /** Clock sources of {@code /sys/devices/system/clocksource/clocksource0}. */
  record ClockSources(List<String> available, String current) {}

  /** The implementation for this OS: {@code /proc} on Linux, OSHI elsewhere. */
  static Host forCurrentOs(HostPaths paths) {
    if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
      return new LinuxHost(paths);
    }
    return new OshiHost();
  }
}
