package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.CpuTimes;
import io.hostwatch.exporter.host.DiskStats;
import io.hostwatch.exporter.host.FsUsage;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.KernelStats;
import io.hostwatch.exporter.host.LoadAverage;
import io.hostwatch.exporter.host.MemoryField;
import io.hostwatch.exporter.host.MountPoint;
import io.hostwatch.exporter.host.NetDevStats;
import io.hostwatch.exporter.host.UnameInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** A host whose figures the test sets; a mount in {@link #hung} blocks statfs until released. */
public class FakeHost implements Host {
  public List<CpuTimes> cpus = new ArrayList<>();
  public List<MemoryField> memory = new ArrayList<>();
  public List<MountPoint> mounts = new ArrayList<>();
  public Map<String, FsUsage> usage = new HashMap<>();
  public Map<String, CountDownLatch> hung = new HashMap<>();
  public List<NetDevStats> net = new ArrayList<>();

  @Override
  public KernelStats kernelStats() {
    return new KernelStats(cpus, 1.7e9, 10, 20, 30, 1, 0);
  }

  @Override
  public List<MemoryField> memory() {
    return memory;
  }

  @Override
  public List<MountPoint> mounts() {
    return mounts;
  }

  @Override
  public FsUsage fsUsage(MountPoint mount) throws IOException {
    CountDownLatch latch = hung.get(mount.mountPoint());
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    FsUsage u = usage.get(mount.mountPoint());
    if (u == null) {
      throw new IOException("no such mount");
    }
    return u;
  }

  @Override
  public List<DiskStats> diskStats() {
    return List.of();
  }

  @Override
  public Map<String, String> diskProperties(DiskStats disk) {
    return Map.of();
  }

  @Override
  public List<NetDevStats> netDev() {
    return net;
  }

  public NetDevStats dev(String name, double rx, double tx) {
    Map<String, Double> c = new LinkedHashMap<>();
    c.put("receive_bytes", rx);
    c.put("transmit_bytes", tx);
    return new NetDevStats(name, c);
  }

  @Override
  public LoadAverage loadAverage() {
    return new LoadAverage(1, 2, 3);
  }

  @Override
  public UnameInfo uname() {
    return new UnameInfo("Linux", "6.1", "#1", "x86_64", "fake", "(none)");
  }

  @Override
  public Map<String, String> osRelease() {
    return Map.of("ID", "debian", "NAME", "Debian GNU/Linux", "VERSION_ID", "12");
  }
}
