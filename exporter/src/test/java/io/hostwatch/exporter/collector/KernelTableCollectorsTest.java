package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel table collectors on a copy of {@code fixtures/linux} served through {@code
 * --path.procfs} / {@code --path.sysfs}: each reads its figures, and each missing source fails that
 * collector alone while the scrape and the others go on.
 */
class KernelTableCollectorsTest {
  /** Each collector reading files, and the files whose absence must fail it. */
  static final Map<String, List<String>> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("filefd", List.of("proc/sys/fs/file-nr"));
    SOURCES.put("conntrack", List.of("proc/sys/net/netfilter/nf_conntrack_count"));
    SOURCES.put("vmstat", List.of("proc/vmstat"));
    SOURCES.put("netstat", List.of("proc/net/netstat"));
    SOURCES.put("sockstat", List.of("proc/net/sockstat"));
    SOURCES.put("pressure", List.of("proc/pressure/io"));
    SOURCES.put("entropy", List.of("proc/sys/kernel/random/entropy_avail"));
    SOURCES.put("softnet", List.of("proc/net/softnet_stat"));
    SOURCES.put("udp_queues", List.of("proc/net/udp", "proc/net/udp6"));
    SOURCES.put("arp", List.of("proc/net/arp"));
    SOURCES.put("netclass", List.of("sys/class/net"));
  }

  @TempDir Path dir;

  private LinuxFixture fixture;

  @BeforeEach
  void copyFixtures() throws Exception {
    fixture = LinuxFixture.copyTo(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private List<MetricSnapshot> scrape() {
    Set<String> names = new java.util.HashSet<>(SOURCES.keySet());
    names.add("timex");
    return fixture.scrape(names);
  }

  @Test
  void everyCollectorReadsItsFixture() {
    List<MetricSnapshot> s = scrape();
    for (String name : SOURCES.keySet()) {
      assertEquals(1.0, success(s, name), name);
    }
    assertEquals(1.0, success(s, "timex"));
    assertEquals(2466112.0, value(s, "node_filefd_maximum", Map.of()));
    assertEquals(262144.0, value(s, "node_nf_conntrack_entries_limit", Map.of()));
    assertEquals(11.0, value(s, "node_nf_conntrack_stat_found", Map.of()));
    assertEquals(102990404.0, value(s, "node_vmstat_pgfault", Map.of()));
    assertEquals(1717.0, value(s, "node_netstat_Tcp_RetransSegs", Map.of()));
    assertEquals(43.0, value(s, "node_sockstat_sockets_used", Map.of()));
    assertEquals(8.0, value(s, "node_sockstat_TCP6_inuse", Map.of()));
    assertEquals(19.761016, value(s, "node_pressure_io_stalled_seconds", Map.of()), 1e-12);
    assertEquals(256.0, value(s, "node_entropy_available_bits", Map.of()));
    assertEquals(3.0, value(s, "node_softnet_times_squeezed", Map.of("cpu", "1")));
    assertEquals(512.0, value(s, "node_udp_queues", Map.of("queue", "tx", "ip", "v4")));
    assertEquals(2.0, value(s, "node_arp_entries", Map.of("device", "eth0")));
    assertEquals(1.0, value(s, "node_network_up", Map.of("device", "eth0")));
    assertEquals(0.0, value(s, "node_network_up", Map.of("device", "ifb0")));
    assertEquals(125_000_000.0, value(s, "node_network_speed_bytes", Map.of("device", "eth0")));
    assertTrue(series(s, "node_network_carrier").containsKey(Map.of("device", "eth0")));
    assertFalse(
        series(s, "node_network_carrier").containsKey(Map.of("device", "ifb0")),
        "a down device has no carrier");
    assertEquals(2, series(s, "node_network_mtu_bytes").size(), "bonding_masters is no device");
  }

  @Test
  void aMissingSourceFailsOnlyItsCollector() throws IOException {
    for (Map.Entry<String, List<String>> e : SOURCES.entrySet()) {
      Path backup = dir.resolveSibling(dir.getFileName() + "-backup");
      for (String relative : e.getValue()) {
        move(dir.resolve(relative), backup.resolve(relative));
      }
      List<MetricSnapshot> s = scrape();
      for (String name : SOURCES.keySet()) {
        assertEquals(
            name.equals(e.getKey()) ? 0.0 : 1.0,
            success(s, name),
            name + " with " + e.getValue() + " missing");
      }
      for (String relative : e.getValue()) {
        move(backup.resolve(relative), dir.resolve(relative));
      }
    }
  }

  @Test
  void udpQueuesWithoutIpv6StillSucceed() throws IOException {
    Files.delete(dir.resolve("proc/net/udp6"));
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "udp_queues"));
    assertEquals(2, series(s, "node_udp_queues").size(), "v4 only");
  }

  private static void move(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.move(from, to);
  }
}
