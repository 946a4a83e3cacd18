package io.hostwatch.exporter.host;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the collectors need to know about the machine, as plain records. {@link LinuxHost} reads
 * {@code /proc} and {@code /sys}; {@link OshiHost} asks OSHI, on macOS and Windows or when chosen.
 * {@link HostBackend} picks one at start-up.
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

  // The kernel tables below are Linux's; elsewhere their collectors report failure.

  /** The file handle table ({@code /proc/sys/fs/file-nr}). */
  default FileFdStats fileFd() throws IOException {
    throw linuxOnly("file-nr");
  }

  /** Connection tracking ({@code /proc/sys/net/netfilter}, {@code /proc/net/stat/nf_conntrack}). */
  default ConntrackStats conntrack() throws IOException {
    throw linuxOnly("nf_conntrack");
  }

  /** The kernel clock discipline ({@code adjtimex(2)}). */
  default TimexStats timex() throws IOException {
    throw linuxOnly("adjtimex");
  }

  /** The {@code /proc/vmstat} fields whose names {@code fields} finds. */
  default List<NamedValue> vmstat(Pattern fields) throws IOException {
    throw linuxOnly("vmstat");
  }

  /** Protocol counters ({@code /proc/net/netstat}, {@code snmp}, {@code snmp6}) by filter. */
  default List<NetStat> netstat(Pattern fields) throws IOException {
    throw linuxOnly("netstat");
  }

  /** Socket counts ({@code /proc/net/sockstat}, then {@code sockstat6} when IPv6 is on). */
  default List<SockStat> sockstat() throws IOException {
    throw linuxOnly("sockstat");
  }

  /** Stall times of {@code cpu}, {@code io} or {@code memory} ({@code /proc/pressure}). */
  default PressureStats pressure(String resource) throws IOException {
    throw linuxOnly("pressure");
  }

  /** The entropy pool ({@code /proc/sys/kernel/random}). */
  default EntropyStats entropy() throws IOException {
    throw linuxOnly("entropy");
  }

  /** Per-CPU packet processing ({@code /proc/net/softnet_stat}). */
  default List<SoftnetStat> softnet() throws IOException {
    throw linuxOnly("softnet_stat");
  }

  /** UDP queue sizes ({@code /proc/net/udp} or {@code udp6}); a missing file throws. */
  default UdpQueues udpQueues(boolean ipv6) throws IOException {
    throw linuxOnly("udp");
  }

  /** Neighbour entries per device ({@code /proc/net/arp}). */
  default List<ArpEntries> arp() throws IOException {
    throw linuxOnly("arp");
  }

  /** Network devices' attributes ({@code /sys/class/net}), but those {@code ignored} finds. */
  default List<NetClassDevice> netClass(Pattern ignored) throws IOException {
    throw linuxOnly("/sys/class/net");
  }

  /** Software RAID arrays ({@code /proc/mdstat}). */
  default List<MdStat> mdstat() throws IOException {
    throw linuxOnly("mdstat");
  }

  /** Bonding masters and their slaves' link states ({@code /sys/class/net/bonding_masters}). */
  default List<Bond> bonding() throws IOException {
    throw linuxOnly("bonding");
  }

  /** NVMe controllers ({@code /sys/class/nvme}). */
  default List<NvmeDevice> nvme() throws IOException {
    throw linuxOnly("/sys/class/nvme");
  }

  /** Hardware monitoring chips and their sensors ({@code /sys/class/hwmon}). */
  default List<HwmonChip> hwmon() throws IOException {
    throw linuxOnly("/sys/class/hwmon");
  }

  /** Thermal zones and cooling devices ({@code /sys/class/thermal}). */
  default ThermalStats thermal() throws IOException {
    throw linuxOnly("/sys/class/thermal");
  }

  /** Memory controllers' error counts ({@code /sys/devices/system/edac/mc}). */
  default List<EdacController> edac() throws IOException {
    throw linuxOnly("/sys/devices/system/edac");
  }

  /** SELinux's status ({@code /proc/self/mountinfo}, the selinuxfs, {@code /etc/selinux}). */
  default SelinuxStatus selinux() throws IOException {
    throw linuxOnly("selinuxfs");
  }

  private static UnsupportedOperationException linuxOnly(String what) {
    return new UnsupportedOperationException(what + " is only read on Linux");
  }

  /** Clock sources of {@code /sys/devices/system/clocksource/clocksource0}. */
  record ClockSources(List<String> available, String current) {}
}
