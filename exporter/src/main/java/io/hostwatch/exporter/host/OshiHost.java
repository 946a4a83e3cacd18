package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;
import oshi.util.FileUtil;
import oshi.util.GlobalConfig;
import oshi.util.platform.mac.SysctlUtil;

/**
 * macOS, Windows and other non-Linux systems through OSHI, and Linux with {@code
 * --host.backend=oshi} (so this path can be checked against node_exporter there). Figures are
 * mapped onto the Linux shapes node_exporter's dashboards expect; what OSHI does not know is {@code
 * NaN} (left out by the collectors) or {@link UnsupportedOperationException} (the collector reports
 * failure).
 */
final class OshiHost implements Host {
  /** CPU ticks from OSHI are milliseconds. */
  private static final double MS = 1000.0;

  static {
    // OSHI keeps most figures for 300 ms. A scrape must show the moment it is taken, as
    // node_exporter's do, or its counters lag what a reader saw just before it.
    GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, 0);
  }

  private final SystemInfo si = new SystemInfo();
  private final HardwareAbstractionLayer hal = si.getHardware();
  private final OperatingSystem os = si.getOperatingSystem();
  private final CentralProcessor cpu = hal.getProcessor();
  private final Map<String, OSFileStore> stores = new ConcurrentHashMap<>();

  @Override
  public KernelStats kernelStats() {
    long[][] ticks = cpu.getProcessorCpuLoadTicks();
    List<CpuTimes> cpus = new ArrayList<>(ticks.length);
    for (int i = 0; i < ticks.length; i++) {
      long[] t = ticks[i];
      cpus.add(
          new CpuTimes(
              Integer.toString(i),
              t[0] / MS,
              t[1] / MS,
              t[2] / MS,
              t[3] / MS,
              t[4] / MS,
              t[5] / MS,
              t[6] / MS,
              t[7] / MS,
              0,
              0));
    }
    return new KernelStats(
        cpus,
        os.getSystemBootTime(),
        cpu.getContextSwitches(),
        Double.NaN,
        cpu.getInterrupts(),
        Double.NaN,
        Double.NaN);
  }

  @Override
  public List<MemoryField> memory() {
    GlobalMemory m = hal.getMemory();
    long swapTotal = m.getVirtualMemory().getSwapTotal();
    // Linux's names, so node_exporter dashboards work; macOS and Windows have no page-cache split
    // that matches Buffers/Cached, so those are 0 and MemFree is what can be allocated.
    return List.of(
        new MemoryField("MemTotal", m.getTotal(), true),
        new MemoryField("MemFree", m.getAvailable(), true),
        new MemoryField("MemAvailable", m.getAvailable(), true),
        new MemoryField("Buffers", 0, true),
        new MemoryField("Cached", 0, true),
        new MemoryField("SwapTotal", swapTotal, true),
        new MemoryField("SwapFree", swapTotal - m.getVirtualMemory().getSwapUsed(), true));
  }

  @Override
  public List<MountPoint> mounts() {
    List<MountPoint> out = new ArrayList<>();
    Map<String, OSFileStore> seen = new HashMap<>();
    for (OSFileStore s : os.getFileSystem().getFileStores()) {
      boolean ro = ("," + s.getOptions() + ",").contains(",ro,");
      out.add(new MountPoint(s.getVolume(), s.getMount(), s.getType(), ro));
      seen.put(s.getMount(), s);
    }
    stores.keySet().retainAll(seen.keySet());
    stores.putAll(seen);
    return out;
  }

  @Override
  public FsUsage fsUsage(MountPoint mount) {
    OSFileStore s = stores.get(mount.mountPoint());
    if (s == null) {
      throw new IllegalStateException("unknown mount " + mount.mountPoint());
    }
    s.updateAttributes();
    return new FsUsage(
        s.getTotalSpace(),
        s.getFreeSpace(),
        s.getUsableSpace(),
        s.getTotalInodes(),
        s.getFreeInodes());
  }

  @Override
  public List<DiskStats> diskStats() {
    List<DiskStats> out = new ArrayList<>();
    double nan = Double.NaN;
    for (HWDiskStore d : hal.getDiskStores()) {
      double[] f = {
        d.getReads(), nan, d.getReadBytes() / 512.0, nan,
        d.getWrites(), nan, d.getWriteBytes() / 512.0, nan,
        d.getCurrentQueueLength(), d.getTransferTime(), nan
      };
      // OSHI has no device numbers: node_disk_info says 0 for major and minor.
      out.add(new DiskStats(deviceName(d.getName()), 0, 0, f));
    }
    return out;
  }

  /** The kernel's name, as node_exporter labels it: OSHI says {@code /dev/vda} on Linux. */
  static String deviceName(String oshiName) {
    return oshiName.startsWith("/dev/") ? oshiName.substring("/dev/".length()) : oshiName;
  }

  @Override
  public Map<String, String> diskProperties(DiskStats disk) {
    return Map.of();
  }

  @Override
  public List<NetDevStats> netDev() {
    List<NetDevStats> out = new ArrayList<>();
    for (NetworkIF n : hal.getNetworkIFs(true)) {
      Map<String, Double> c = new LinkedHashMap<>();
      c.put("receive_bytes", (double) n.getBytesRecv());
      c.put("receive_packets", (double) n.getPacketsRecv());
      c.put("receive_errs", (double) n.getInErrors());
      c.put("receive_drop", (double) n.getInDrops());
      c.put("transmit_bytes", (double) n.getBytesSent());
      c.put("transmit_packets", (double) n.getPacketsSent());
      c.put("transmit_errs", (double) n.getOutErrors());
      c.put("transmit_colls", (double) n.getCollisions());
      out.add(new NetDevStats(n.getName(), c));
    }
    return out;
  }

  @Override
  public LoadAverage loadAverage() {
    double[] l = cpu.getSystemLoadAverage(3);
    if (l[0] < 0) {
      throw new UnsupportedOperationException("no load average on " + os.getFamily());
    }
    return new LoadAverage(l[0], l[1], l[2]);
  }

  @Override
  public UnameInfo uname() {
    String sysname = sysname(System.getProperty("os.name", os.getFamily()));
    String arch = System.getProperty("os.arch", "");
    String machine = arch.equals("amd64") ? "x86_64" : arch;
    String nodename = os.getNetworkParams().getHostName();
    // OSHI's version info is the OS's (macOS 14.1, Debian 12), not the kernel's uname(2) shows;
    // OSHI's own utilities read the kernel's where it has them.
    return switch (sysname) {
      case "Linux" ->
          new UnameInfo(
              sysname,
              System.getProperty("os.version", ""),
              FileUtil.getStringFromFile("/proc/sys/kernel/version"),
              machine,
              nodename,
              FileUtil.getStringFromFile("/proc/sys/kernel/domainname"));
      case "Darwin" ->
          new UnameInfo(
              sysname,
              SysctlUtil.sysctl("kern.osrelease", ""),
              SysctlUtil.sysctl("kern.version", ""),
              machine,
              nodename,
              domainOf(nodename));
      default -> {
        OperatingSystem.OSVersionInfo v = os.getVersionInfo();
        yield new UnameInfo(
            sysname,
            String.valueOf(v.getVersion()),
            String.valueOf(v.getBuildNumber()),
            machine,
            nodename,
            String.valueOf(os.getNetworkParams().getDomainName()));
      }
    };
  }

  /** node_exporter's on BSDs: what follows the host name's first dot, else {@code (none)}. */
  static String domainOf(String nodename) {
    int dot = nodename.indexOf('.');
    return dot < 0 ? "(none)" : nodename.substring(dot + 1);
  }

  @Override
  public Map<String, String> osRelease() {
    OperatingSystem.OSVersionInfo v = os.getVersionInfo();
    String name = os.getFamily();
    String version = String.valueOf(v.getVersion());
    String codename = v.getCodeName() == null ? "" : v.getCodeName();
    String versionWithCodename = codename.isEmpty() ? version : version + " (" + codename + ")";
    // os-release's keys rebuilt from OSHI's version info; they match os-release where it uses
    // the common "NAME VERSION_ID (CODENAME)" shape (Debian, macOS has no file to match).
    Map<String, String> m = new HashMap<>();
    m.put("ID", osReleaseId(name));
    m.put("NAME", name);
    m.put("VERSION_ID", version);
    m.put("VERSION", versionWithCodename);
    m.put("VERSION_CODENAME", codename);
    // On Linux OSHI's build number is the kernel release, which os-release's BUILD_ID is not.
    boolean linux = HostBackend.isLinux(System.getProperty("os.name"));
    m.put("BUILD_ID", linux || v.getBuildNumber() == null ? "" : v.getBuildNumber());
    m.put("PRETTY_NAME", name + " " + versionWithCodename);
    return m;
  }

  /**
   * os-release's ID from OSHI's family name: its first word, lower-case, as most distributions name
   * themselves ("Debian GNU/Linux" is debian, "Fedora Linux" fedora, "macOS" macos).
   */
  static String osReleaseId(String family) {
    String first = family.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return first.replaceAll("[^a-z0-9._-]", "");
  }

  /** uname(2)'s sysname as node_exporter shows it: Darwin, not Java's "Mac OS X". */
  static String sysname(String javaOsName) {
    String n = javaOsName.toLowerCase(Locale.ROOT);
    if (n.startsWith("mac") || n.startsWith("darwin")) {
      return "Darwin";
    }
    if (n.startsWith("windows")) {
      return "Windows";
    }
    return javaOsName;
  }

  /** OSHI's hardware UUID, the last resort for a stable host id. */
  String hardwareUuid() {
    return hal.getComputerSystem().getHardwareUUID();
  }
}
