package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.host.HostIdentity;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostwatch_host_info} on {@code fixtures/linux}: the id from {@code /etc/machine-id} of the
 * root filesystem, the kernel's host name, the OS's pretty name; without a machine id, one kept in
 * the state file; without the kernel's host name, an empty label rather than a failure.
 */
class HostInfoCollectorTest {
  private static final Set<String> COLLECTORS = Set.of("hostinfo", "uname");

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

  /** The labels of the one {@code hostwatch_host_info} series, after checking its value is 1. */
  private static Map<String, String> info(List<MetricSnapshot> s) {
    Map<Map<String, String>, Double> all = series(s, "hostwatch_host_info");
    assertEquals(1, all.size(), all.toString());
    assertEquals(1.0, all.values().iterator().next());
    return all.keySet().iterator().next();
  }

  private static Map<String, String> expected(String hostId, String hostname) {
    Map<String, String> m = new TreeMap<>();
    m.put("host_id", hostId);
    m.put("hostname", hostname);
    m.put("ip", HostIdentity.primaryAddress());
    m.put("os", "Debian GNU/Linux 12 (bookworm)");
    return m;
  }

  @Test
  void identifiesTheHostFromItsFiles() {
    List<MetricSnapshot> s = fixture.scrape(COLLECTORS);
    assertEquals(1.0, success(s, "hostinfo"));
    assertEquals(expected("3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b", "web-01"), info(s));
  }

  @Test
  void withoutAMachineIdAnIdIsMadeOnceAndKept() throws Exception {
    fixture.hide("root/etc/machine-id");
    Map<String, String> first = info(fixture.scrape(COLLECTORS));
    String id = first.get("host_id");
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    assertEquals(id, Files.readString(dir.resolve("host-id")).strip(), "kept in the state file");
    assertEquals(first, info(fixture.scrape(COLLECTORS)), "the same after a restart");
  }

  @Test
  void withoutTheKernelsHostNameOnlyUnameFails() throws Exception {
    fixture.hide("proc/sys/kernel/hostname");
    List<MetricSnapshot> s = fixture.scrape(COLLECTORS);
    assertEquals(0.0, success(s, "uname"));
    assertEquals(1.0, success(s, "hostinfo"));
    assertEquals(expected("3f2a9c1e5b7d4e8f9a0b1c2d3e4f5a6b", ""), info(s));
  }
}
