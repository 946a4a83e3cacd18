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

/**
 * macOS, Windows and other non-Linux systems through OSHI. Figures are mapped onto the Linux shapes
 * node_exporter's dashboards expect; what OSHI does not know is {@code NaN} (left out by the
 * collectors) or {@link UnsupportedOperationException} (the collector reports failure).
 */
final class OshiHost implements Host {
  /** CPU ticks from OSHI are milliseconds. */
  private static final double MS = 1000.0;

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
      out.add(new DiskStats(d.getName(), 0, 0, f));
    }
    return out;
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
    OperatingSystem.OSVersionInfo v = os.getVersionInfo();
    String arch = System.getProperty("os.arch", "");
    return new UnameInfo(
        System.getProperty("os.name", os.getFamily()),
        String.valueOf(v.getVersion()),
        String.valueOf(v.getBuildNumber()),
        arch.equals("amd64") ? "x86_64" : arch,
        os.getNetworkParams().getHostName(),
        String.valueOf(os.getNetworkParams().getDomainName()));
  }

  @Override
  public Map<String, String> osRelease() {
    OperatingSystem.OSVersionInfo v = os.getVersionInfo();
    Map<String, String> m = new HashMap<>();
    m.put("ID", os.getFamily().toLowerCase(Locale.ROOT).replace(' ', '_'));
    m.put("NAME", os.getFamily());
    m.put("VERSION_ID", String.valueOf(v.getVersion()));
    m.put("VERSION", String.valueOf(v));
    m.put("VERSION_CODENAME", v.getCodeName() == null ? "" : v.getCodeName());
    m.put("BUILD_ID", v.getBuildNumber() == null ? "" : v.getBuildNumber());
    m.put("PRETTY_NAME", os.toString());
    return m;
  }

  /** OSHI's hardware UUID, the last resort for a stable host id. */
  String hardwareUuid() {
    return hal.getComputerSystem().getHardwareUUID();
  }
}
