package io.hostwatch.exporter.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Linux, read straight from {@code /proc} and {@code /sys} as node_exporter does: OSHI's {@code
 * getFileStores()} forks {@code lsblk} on every call, and its other calls cost more than one read
 * of the file (figures in the README). Each method reads a file and hands its text to {@link
 * ProcParsers}.
 */
final class LinuxHost implements Host {
  private final HostPaths paths;
  private final LinuxTables tables;
  private final LinuxSensors sensors;
  private final String machine;
  private volatile UnameInfo kernelInfo;

  /** The selinuxfs of an enabled SELinux, or null; {@code selinuxLooked} once it was looked for. */
  private volatile Path selinuxfs;

  private volatile boolean selinuxLooked;

  private volatile OsReleaseCache osRelease = new OsReleaseCache(null, -1, -1, Map.of());

  LinuxHost(HostPaths paths) {
    this.paths = paths;
    this.tables = new LinuxTables(paths);
    this.sensors = new LinuxSensors(paths);
    this.machine = machine(paths);
  }

  @Override
  public KernelStats kernelStats() throws IOException {
    return ProcParsers.parseStat(read(paths.proc("stat")));
  }

  @Override
  public List<MemoryField> memory() throws IOException {
    return ProcParsers.parseMeminfo(read(paths.proc("meminfo")));
  }

  @Override
  public List<MountPoint> mounts() throws IOException {
    String text;
    try {
      text = read(paths.proc("1/mounts"));
    } catch (IOException e) {
      // Unprivileged in some containers: PID 1's mounts are not readable.
      text = read(paths.proc("self/mounts"));
    }
    String root = paths.rootfs().toString();
    List<MountPoint> all = ProcParsers.parseMounts(text);
    if (root.equals("/")) {
      return all;
    }
    // As node_exporter's rootfsStripPrefix: under --path.rootfs=/host a mount seen as
    // /host/data is labelled /data; the host's own /proc/1/mounts already says /data.
    List<MountPoint> out = new ArrayList<>(all.size());
    for (MountPoint m : all) {
      String p = m.mountPoint();
      if (p.startsWith(root)) {
        p = p.substring(root.length());
        p = p.isEmpty() ? "/" : p;
      }
      out.add(new MountPoint(m.device(), p, m.fsType(), m.readOnly()));
    }
    return out;
  }

  @Override
  public FsUsage fsUsage(MountPoint mount) throws IOException {
    String path = paths.root(mount.mountPoint()).toString();
    return KernelCalls.get().statfs(path);
  }

  @Override
  public List<DiskStats> diskStats() throws IOException {
    return ProcParsers.parseDiskstats(read(paths.proc("diskstats")));
  }

  @Override
  public Map<String, String> diskProperties(DiskStats disk) {
    Path data = paths.root("/run/udev/data/b" + disk.major() + ":" + disk.minor());
    Map<String, String> out = new HashMap<>();
    try {
      for (String line : read(data).split("\n")) {
        int eq = line.indexOf('=');
        if (line.startsWith("E:") && eq > 2) {
          out.put(line.substring(2, eq), line.substring(eq + 1));
        }
      }
    } catch (IOException e) {
      // No udev database (containers, minimal VMs): node_exporter then leaves the labels empty.
    }
    return out;
  }

  @Override
  public List<NetDevStats> netDev() throws IOException {
    List<NetDevStats> devices = ProcParsers.parseNetDev(read(paths.proc("net/dev")));
    for (NetDevStats d : devices) {
      // /proc/net/dev lacks rx_nohandler, which node_exporter (netlink) reports.
      Path p = paths.sys("class/net/" + d.device() + "/statistics/rx_nohandler");
      try {
        d.counters().put("receive_nohandler", Double.parseDouble(read(p).strip()));
      } catch (IOException | NumberFormatException e) {
        // Older kernels or a device gone since: leave it out.
      }
    }
    return devices;
  }

  @Override
  public LoadAverage loadAverage() throws IOException {
    return ProcParsers.parseLoadavg(read(paths.proc("loadavg")));
  }

  @Override
  public UnameInfo uname() throws IOException {
    // Kernel name, release and version only change with a reboot; the host name may change.
    UnameInfo fixed = kernelInfo;
    if (fixed == null) {
      fixed =
          new UnameInfo(kernel("ostype"), kernel("osrelease"), kernel("version"), machine, "", "");
      kernelInfo = fixed;
    }
    return new UnameInfo(
        fixed.sysname(),
        fixed.release(),
        fixed.version(),
        machine,
        kernel("hostname"),
        kernel("domainname"));
  }

  private String kernel(String name) throws IOException {
    return read(paths.proc("sys/kernel/" + name)).strip();
  }

  /** uname's machine field; Java's os.arch says amd64 where the kernel says x86_64. */
  private static String machine(HostPaths paths) {
    try {
      return read(paths.proc("sys/kernel/arch")).strip();
    } catch (IOException e) {
      String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
      return switch (arch) {
        case "amd64" -> "x86_64";
        case "x86" -> "i686";
        default -> arch;
      };
    }
  }

  @Override
  public Map<String, String> osRelease() throws IOException {
    // The file rarely changes: re-parse only when its size or mtime does.
    for (String candidate : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
      Path p = paths.root(candidate);
      try {
        long mtime = Files.getLastModifiedTime(p).toMillis();
        long size = Files.size(p);
        OsReleaseCache c = osRelease;
        if (!p.equals(c.path()) || c.mtime() != mtime || c.size() != size) {
          c = new OsReleaseCache(p, mtime, size, ProcParsers.parseOsRelease(read(p)));
          osRelease = c;
        }
        return c.fields();
      } catch (NoSuchFileException e) {
        // try the next one, as systemd's os-release(5) says
      }
    }
    throw new NoSuchFileException("/etc/os-release");
  }

  private record OsReleaseCache(Path path, long mtime, long size, Map<String, String> fields) {}

  @Override
  public ClockSources clockSources() throws IOException {
    Path dir = paths.sys("devices/system/clocksource/clocksource0");
    if (!Files.isDirectory(dir)) {
      // node_exporter globs clocksource[0-9]*: no device (a container's sysfs) is no error.
      return new ClockSources(List.of(), "");
    }
    List<String> available =
        List.of(ProcParsers.fields(read(dir.resolve("available_clocksource"))));
    return new ClockSources(available, read(dir.resolve("current_clocksource")).strip());
  }

  @Override
  public FileFdStats fileFd() throws IOException {
    return tables.fileFd();
  }

  @Override
  public ConntrackStats conntrack() throws IOException {
    return tables.conntrack();
  }

  @Override
  public TimexStats timex() throws IOException {
    return tables.timex();
  }

  @Override
  public List<NamedValue> vmstat(Pattern fields) throws IOException {
    return tables.vmstat(fields);
  }

  @Override
  public List<NetStat> netstat(Pattern fields) throws IOException {
    return tables.netstat(fields);
  }

  @Override
  public List<SockStat> sockstat() throws IOException {
    return tables.sockstat();
  }

  @Override
  public PressureStats pressure(String resource) throws IOException {
    return tables.pressure(resource);
  }

  @Override
  public EntropyStats entropy() throws IOException {
    return tables.entropy();
  }

  @Override
  public List<SoftnetStat> softnet() throws IOException {
    return tables.softnet();
  }

  @Override
  public UdpQueues udpQueues(boolean ipv6) throws IOException {
    return tables.udpQueues(ipv6);
  }

  @Override
  public List<ArpEntries> arp() throws IOException {
    return tables.arp();
  }

  @Override
  public List<NetClassDevice> netClass(Pattern ignored) throws IOException {
    return tables.netClass(ignored);
  }

  @Override
  public List<MdStat> mdstat() throws IOException {
    return tables.mdstat();
  }

  @Override
  public List<Bond> bonding() throws IOException {
    return tables.bonding();
  }

  @Override
  public List<NvmeDevice> nvme() throws IOException {
    return tables.nvme();
  }

  @Override
  public List<HwmonChip> hwmon() throws IOException {
    return sensors.hwmon();
  }

  @Override
  public ThermalStats thermal() throws IOException {
    return sensors.thermal();
  }

  @Override
  public List<EdacController> edac() throws IOException {
    return sensors.edac();
  }

  /**
   * As node_exporter's SELinux library: on when a selinuxfs is mounted and this process has a
   * security context other than "kernel", which that library finds once per process, and so does
   * this (a host with thousands of mounts must not have its mount table read every scrape). The
   * modes are read each time: {@code setenforce} changes them. The selinuxfs is the host's, read
   * under {@code --path.rootfs}.
   */
  @Override
  public SelinuxStatus selinux() throws IOException {
    Path selinuxfs = selinuxfs();
    if (selinuxfs == null) {
      return SelinuxStatus.DISABLED;
    }
    Map<String, String> config;
    try {
      config =
          ProcParsers.parseAssignments(
              read(paths.root("/etc/selinux/config")), "/etc/selinux/config");
    } catch (NoSuchFileException e) {
      config = Map.of();
    }
    return new SelinuxStatus(
        true,
        SelinuxStatus.configMode(config),
        SelinuxStatus.enforce(read(selinuxfs.resolve("enforce"))));
  }

  /** The selinuxfs where SELinux is on, else null; found at the first call. */
  private Path selinuxfs() throws IOException {
    if (!selinuxLooked) {
      selinuxfs = findSelinuxfs(); // written before the flag, so a reader of the flag sees it
      selinuxLooked = true;
    }
    return selinuxfs;
  }

  private Path findSelinuxfs() throws IOException {
    try {
      String mount = SelinuxStatus.selinuxfsMount(read(paths.proc("self/mountinfo")));
      if (mount == null) {
        return null;
      }
      String label = read(paths.proc("self/attr/current")).replace("\0", "").strip();
      return label.isEmpty() || label.equals("kernel") ? null : paths.root(mount);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The whole file's text; see {@link ProcFiles#read}. */
  static String read(Path p) throws IOException {
    return ProcFiles.read(p);
  }
}
