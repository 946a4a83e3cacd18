package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real machine: invariants, not values (OSHI's GlobalMemoryTest). */
@EnabledOnOs(OS.LINUX)
class LinuxHostTest {
  private final LinuxHost host = new LinuxHost(HostPaths.defaults());

  @Test
  void cpusAsManyAsTheJvmSeesAtLeast() throws Exception {
    KernelStats s = host.kernelStats();
    assertTrue(s.cpus().size() >= Runtime.getRuntime().availableProcessors());
    assertTrue(s.bootTimeSeconds() > 1e9 && s.bootTimeSeconds() < System.currentTimeMillis() / 1e3);
  }

  @Test
  void memoryHasTheFieldsDashboardsUse() throws Exception {
    Map<String, Double> m = new java.util.HashMap<>();
    for (MemoryField f : host.memory()) {
      m.put(f.name(), f.value());
    }
    for (String k : List.of("MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached")) {
      assertTrue(m.containsKey(k), k);
    }
    assertTrue(m.get("MemAvailable") <= m.get("MemTotal"));
  }

  @Test
  void rootFilesystemUsageIsConsistent() throws Exception {
    MountPoint root =
        host.mounts().stream().filter(m -> m.mountPoint().equals("/")).findFirst().orElseThrow();
    FsUsage u = host.fsUsage(root);
    assertTrue(u.sizeBytes() > 0);
    assertTrue(0 <= u.availBytes() && u.availBytes() <= u.freeBytes());
    assertTrue(u.freeBytes() <= u.sizeBytes());
    assertTrue(u.filesFree() <= u.files());
  }

  @Test
  void unameAndOsRelease() throws Exception {
    UnameInfo u = host.uname();
    assertEquals("Linux", u.sysname());
    assertFalse(u.machine().isEmpty());
    assertFalse(u.machine().equals("amd64"), "kernel's name, not Java's");
    assertTrue(host.osRelease().containsKey("ID"));
  }

  @Test
  void netDevHasLoopback() throws Exception {
    assertTrue(host.netDev().stream().anyMatch(d -> d.device().equals("lo")));
  }

  @Test
  void kernelClockAsAdjtimexReportsIt() throws Exception {
    TimexStats t = host.timex();
    TimexStats again = host.timex();
    assertTrue(t.syncStatus() == 0 || t.syncStatus() == 1, "sync " + t.syncStatus());
    // The tick is 1/USER_HZ (10 ms), which adjtimex may change by 10% either way.
    assertTrue(t.tickSeconds() >= 0.009 && t.tickSeconds() <= 0.011, "tick " + t.tickSeconds());
    assertTrue(t.maxerrorSeconds() >= 0 && t.estimatedErrorSeconds() >= 0);
    assertEquals(t.tickSeconds(), again.tickSeconds(), "a reused buffer reads the same");
  }

  @Test
  void fileHandlesAndEntropyWithinTheirLimits() throws Exception {
    FileFdStats fd = host.fileFd();
    assertTrue(fd.allocated() > 0 && fd.allocated() <= fd.maximum(), fd.toString());
    EntropyStats e = host.entropy();
    assertTrue(e.availableBits() >= 0 && e.availableBits() <= e.poolSizeBits(), e.toString());
  }
}
