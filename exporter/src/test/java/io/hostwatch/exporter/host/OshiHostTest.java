package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OSHI implementation macOS and Windows use, run on this machine (OSHI works on Linux too): its
 * mapping onto the Linux shapes, as invariants.
 */
class OshiHostTest {
  private final OshiHost host = new OshiHost();

  @Test
  void cpuTimesPerLogicalCpuInSeconds() {
    KernelStats s = host.kernelStats();
    assertEquals(Runtime.getRuntime().availableProcessors(), s.cpus().size());
    assertEquals("0", s.cpus().get(0).cpu());
    double uptime = System.currentTimeMillis() / 1e3 - s.bootTimeSeconds();
    // Seconds, not ticks or ms: one CPU cannot have spent more than the uptime (plus slack).
    assertTrue(s.cpus().get(0).idle() <= uptime * 1.1 + 10, s.cpus().get(0) + " vs " + uptime);
  }

  @Test
  void memoryUnderLinuxNames() {
    Map<String, Double> m = new HashMap<>();
    for (MemoryField f : host.memory()) {
      m.put(f.name(), f.value());
      assertTrue(f.bytes());
    }
    assertTrue(m.get("MemTotal") > 0);
    assertTrue(m.get("MemAvailable") <= m.get("MemTotal"));
    assertTrue(m.get("SwapFree") <= m.get("SwapTotal"));
  }

  @Test
  void fileStoresHaveConsistentUsage() throws Exception {
    MountPoint root =
        host.mounts().stream().filter(x -> x.mountPoint().equals("/")).findFirst().orElseThrow();
    FsUsage u = host.fsUsage(root);
    assertTrue(u.sizeBytes() > 0 && u.availBytes() <= u.sizeBytes());
  }

  @Test
  void sysnameAsUnameSaysIt() {
    assertEquals("Darwin", OshiHost.sysname("Mac OS X"));
    assertEquals("Windows", OshiHost.sysname("Windows 11"));
    assertEquals("FreeBSD", OshiHost.sysname("FreeBSD"));
  }

  @Test
  void diskNamesAsTheKernelsAndOsReleaseIdsAsDistributionsSayThem() {
    assertEquals("vda", OshiHost.deviceName("/dev/vda"));
    assertEquals("disk0", OshiHost.deviceName("disk0"));
    assertEquals("debian", OshiHost.osReleaseId("Debian GNU/Linux"));
    assertEquals("macos", OshiHost.osReleaseId("macOS"));
    assertEquals("example.org", OshiHost.domainOf("mac.example.org"));
    assertEquals("(none)", OshiHost.domainOf("mac"));
  }

  /** The kernel's own names: on Linux its release is what the JVM reads as os.version too. */
  @Test
  void unameIsTheKernels() {
    UnameInfo u = host.uname();
    assertFalse(u.release().isEmpty());
    assertFalse(u.version().isEmpty());
    if (HostBackend.isLinux(System.getProperty("os.name"))) {
      assertEquals("Linux", u.sysname());
      assertEquals(System.getProperty("os.version"), u.release());
    } else {
      assertFalse(u.sysname().isEmpty());
    }
  }

  @Test
  void networkAndIdentity() {
    assertFalse(host.netDev().isEmpty());
    assertTrue(host.netDev().get(0).counters().containsKey("receive_bytes"));
    assertFalse(host.uname().nodename().isEmpty());
    assertFalse(host.osRelease().get("ID").isEmpty());
  }
}
