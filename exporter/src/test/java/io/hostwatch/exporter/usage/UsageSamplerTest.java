package io.hostwatch.exporter.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.collector.CollectorOptions;
import io.hostwatch.exporter.collector.FakeHost;
import io.hostwatch.exporter.host.CpuTimes;
import io.hostwatch.exporter.host.FsUsage;
import io.hostwatch.exporter.host.MemoryField;
import io.hostwatch.exporter.host.MountPoint;
import io.hostwatch.exporter.host.StatfsGuard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageSamplerTest {
  private final FakeHost host = new FakeHost();
  private final UsageSampler sampler =
      new UsageSampler(
          host,
          new StatfsGuard(host, Duration.ofSeconds(5)),
          CollectorOptions.defaults(),
          Duration.ofSeconds(5));

  private static CpuTimes cpu(double user, double idle) {
    return new CpuTimes("0", user, 0, 0, idle, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void cpuPercentComesFromTwoSamplesNotFromScrapes() throws Exception {
    host.cpus = List.of(cpu(100, 300));
    sampler.sample();
    assertTrue(Double.isNaN(sampler.latest().cpuPercent()), "one sample has no rate yet");
    host.cpus = List.of(cpu(130, 310)); // 30 busy of 40
    sampler.sample();
    assertEquals(75.0, sampler.latest().cpuPercent(), 1e-9);
    // Reading it again (another scrape) does not change it.
    assertEquals(75.0, sampler.latest().cpuPercent(), 1e-9);
  }

  @Test
  void memoryPercentUsesAvailable() {
    assertEquals(
        25.0,
        UsageSampler.memoryPercent(
            List.of(
                new MemoryField("MemTotal", 1000, true),
                new MemoryField("MemFree", 100, true),
                new MemoryField("MemAvailable", 750, true))),
        1e-9);
  }

  @Test
  void diskPercentPerMountpointSkipsExcludedOnes() throws Exception {
    host.mounts.add(new MountPoint("/dev/vda", "/", "ext4", false));
    host.mounts.add(new MountPoint("proc", "/proc", "proc", false));
    host.usage.put("/", new FsUsage(1000, 300, 200, 10, 5));
    sampler.sample();
    assertEquals(java.util.Map.of("/", 80.0), sampler.latest().diskPercentByMountpoint());
  }

  @Test
  void networkCountersOnlyGrowAcrossDeviceResets() throws Exception {
    host.net.add(host.dev("lo", 1_000_000, 1_000_000));
    host.net.add(host.dev("eth0", 500, 100));
    sampler.sample();
    assertEquals(500, sampler.latest().networkBytesReceived(), "loopback is left out");
    assertEquals(100, sampler.latest().networkBytesSent());
    host.net.set(1, host.dev("eth0", 800, 150));
    sampler.sample();
    assertEquals(800, sampler.latest().networkBytesReceived());
    host.net.set(1, host.dev("eth0", 50, 10)); // the driver reset its counters
    sampler.sample();
    assertEquals(850, sampler.latest().networkBytesReceived());
    assertEquals(160, sampler.latest().networkBytesSent());
  }
}
