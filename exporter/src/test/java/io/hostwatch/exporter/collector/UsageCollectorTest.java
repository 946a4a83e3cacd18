package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage figures sampled from {@code fixtures/linux} ({@code /proc/stat}, {@code meminfo},
 * {@code net/dev}, the mounts): exact percentages and byte counts from two samples, and a sample
 * that cannot read its files keeping the figures of the last one.
 */
class UsageCollectorTest {
  private static final Set<String> COLLECTORS = Set.of("usage");

  @TempDir Path dir;
  private LinuxFixture fixture;

  @BeforeEach
  void copyFixtures() throws Exception {
    fixture = LinuxFixture.copyTo(dir);
    Files.createDirectories(fixture.file("proc/1"));
    Files.writeString(
        fixture.file("proc/1/mounts"),
        "/dev/vda1 / ext4 rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec 0 0\n");
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  /** Adds ticks to cpu0 and bytes to eth0, as a few seconds of a busy host would. */
  private void advance(long userTicks, long idleTicks, long txBytes, long rxBytes)
      throws Exception {
    Path stat = fixture.file("proc/stat");
    Files.writeString(
        stat,
        Files.readString(stat)
            .replace(
                "cpu0 872739 20457 196304 4681755 ",
                "cpu0 " + (872739 + userTicks) + " 20457 196304 " + (4681755 + idleTicks) + " "));
    Path dev = fixture.file("proc/net/dev");
    Files.writeString(
        dev,
        Files.readString(dev)
            .replace("eth0: 9876543210 ", "eth0: " + (9876543210L + rxBytes) + " ")
            .replace(" 89 1234567890 ", " 89 " + (1234567890L + txBytes) + " "));
  }

  @Test
  void figuresComeFromTheSamplesOfTheFixture() throws Exception {
    fixture.sampler.sample();
    List<MetricSnapshot> first = fixture.scrape(COLLECTORS);
    assertEquals(Map.of(), series(first, "cpu_usage_percent"), "one sample has no CPU rate");
    assertEquals(
        100.0 * (8039972 - 5123456) / 8039972,
        value(first, "memory_usage_percent", Map.of()),
        1e-9);
    // Every device but lo: eth0 and ifb0 (which counted nothing).
    assertEquals(1234567890.0, value(first, "network_bytes_sent", Map.of()));
    assertEquals(9876543210.0, value(first, "network_bytes_recv", Map.of()));
    Map<Map<String, String>, Double> disks = series(first, "disk_usage_percent");
    assertEquals(List.of(Map.of("mountpoint", "/")), List.copyOf(disks.keySet()), "no /proc");
    double root = disks.values().iterator().next();
    assertTrue(0 <= root && root <= 100, "statvfs of the root fixture: " + root);

    advance(3000, 1000, 1000, 2000); // 30 s busy of 40 s on cpu0
    fixture.sampler.sample();
    List<MetricSnapshot> second = fixture.scrape(COLLECTORS);
    assertEquals(75.0, value(second, "cpu_usage_percent", Map.of()), 1e-6);
    assertEquals(1234568890.0, value(second, "network_bytes_sent", Map.of()));
    assertEquals(9876545210.0, value(second, "network_bytes_recv", Map.of()));
  }

  @Test
  void aSampleMissingAFileKeepsTheLastFigures() throws Exception {
    fixture.sampler.sample();
    double memory = value(fixture.scrape(COLLECTORS), "memory_usage_percent", Map.of());
    fixture.hide("proc/meminfo");
    advance(3000, 1000, 1000, 2000);
    assertThrows(NoSuchFileException.class, fixture.sampler::sample);
    List<MetricSnapshot> s = fixture.scrape(COLLECTORS);
    assertEquals(1.0, ScrapeCoordinatorTest.value(s, ScrapeCoordinator.SUCCESS, "usage"));
    assertEquals(memory, value(s, "memory_usage_percent", Map.of()));
    assertEquals(1234567890.0, value(s, "network_bytes_sent", Map.of()), "not the new sample's");
  }
}
