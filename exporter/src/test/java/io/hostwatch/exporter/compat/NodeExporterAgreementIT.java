package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.textfile.MetricFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's node_exporter and our exporter side by side on this host, restricted to the same
 * collectors, must tell the same story: what dashboards and alerts built for node_exporter read
 * must read the same here. node_exporter is scraped before and after ours, so a counter of ours
 * must lie between its two readings (both read the same kernel counters).
 */
class NodeExporterAgreementIT {
  /** The collectors both have, by node_exporter's names. */
  static final List<String> COLLECTORS =
      List.of(
          "cpu",
          "meminfo",
          "filesystem",
          "diskstats",
          "netdev",
          "loadavg",
          "stat",
          "time",
          "uname",
          "os",
          "textfile",
          "filefd",
          "conntrack",
          "timex",
          "vmstat",
          "netstat",
          "sockstat",
          "pressure",
          "entropy",
          "softnet",
          "udp_queues",
          "arp",
          "netclass",
          "selinux");

  @TempDir static Path workDir;
  private static SideBySide both;
  private static Readings readings;
  private static Scrape before;
  private static Scrape scrape;
  private static Scrape after;

  @BeforeAll
  static void startBothAndScrape() throws Exception {
    Path textfiles = Files.createDirectories(workDir.resolve("textfile"));
    Files.writeString(
        textfiles.resolve("agreement.prom"),
        "# HELP hostwatch_it_answer The answer.\n# TYPE hostwatch_it_answer gauge\n"
            + "hostwatch_it_answer{question=\"life\"} 42\n");
    List<String> flags = new ArrayList<>(List.of("--collector.disable-defaults"));
    COLLECTORS.forEach(c -> flags.add("--collector." + c));
    flags.add("--collector.textfile.directory=" + textfiles);
    both = SideBySide.start(workDir, flags);
    readings = both.readings();
    before = readings.before();
    scrape = readings.mine();
    after = readings.after();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (both != null) {
      both.close();
    }
  }

  /** node_exporter's families from the shared collectors (not its Go runtime's). */
  private static Set<String> nodeExporterFamilies() {
    Set<String> names = new TreeSet<>();
    for (String name : before.familyNames()) {
      if (!name.startsWith("go_")
          && !name.startsWith("process_")
          && !name.startsWith("promhttp_")
          && !name.equals("node_exporter_build_info")) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void sameMetricFamiliesWithTheSameTypes() {
    Set<String> missing = new TreeSet<>();
    List<String> wrongType = new ArrayList<>();
    for (String name : nodeExporterFamilies()) {
      MetricFamily ourFamily = scrape.family(name);
      if (ourFamily == null) {
        missing.add(name);
      } else if (ourFamily.type() != before.family(name).type()) {
        wrongType.add(name + ": " + ourFamily.type() + " vs " + before.family(name).type());
      }
    }
    assertEquals(Set.of(), missing, "families node_exporter has and we lack");
    assertEquals(List.of(), wrongType, "families typed differently");
  }

  @Test
  void identicalCpuSecondsSeriesSet() {
    Set<Map<String, String>> theirs = before.series("node_cpu_seconds_total").keySet();
    assertFalse(theirs.isEmpty(), "node_exporter shows no node_cpu_seconds_total");
    assertEquals(theirs, scrape.series("node_cpu_seconds_total").keySet());
  }

  @Test
  void sameSeriesInEveryCommonFamily() {
    List<String> differences = new ArrayList<>();
    for (String name : nodeExporterFamilies()) {
      if (scrape.family(name) == null) {
        continue; // reported by sameMetricFamiliesWithTheSameTypes
      }
      Set<String> sampleNames = new TreeSet<>();
      before.family(name).samples().forEach(s -> sampleNames.add(s.name()));
      for (String sampleName : sampleNames) {
        Set<Map<String, String>> theirs = before.series(sampleName).keySet();
        Set<Map<String, String>> mine = scrape.series(sampleName).keySet();
        if (!theirs.equals(mine)) {
          differences.add(describe(sampleName, theirs, mine));
        }
      }
    }
    assertEquals(List.of(), differences);
  }

  private static String describe(
      String name, Set<Map<String, String>> theirs, Set<Map<String, String>> mine) {
    Set<String> onlyTheirs = new TreeSet<>();
    theirs.stream().filter(l -> !mine.contains(l)).forEach(l -> onlyTheirs.add(l.toString()));
    Set<String> onlyMine = new TreeSet<>();
    mine.stream().filter(l -> !theirs.contains(l)).forEach(l -> onlyMine.add(l.toString()));
    return name + ": only node_exporter " + onlyTheirs + ", only ours " + onlyMine;
  }

  @Test
  void memTotalEqual() {
    Double theirs = before.value("node_memory_MemTotal_bytes");
    assertNotNull(theirs, "node_exporter shows no node_memory_MemTotal_bytes");
    assertEquals(theirs, scrape.value("node_memory_MemTotal_bytes"));
  }

  @Test
  void filesystemSizesAndInodesEqualForEveryCommonMountpoint() {
    readings.assertEqualWhereBothHave(
        List.of("node_filesystem_size_bytes", "node_filesystem_files"));
  }

  @Test
  void bootTimeWithinOneSecond() {
    double theirs = before.value("node_boot_time_seconds");
    double mine = scrape.value("node_boot_time_seconds");
    assertTrue(Math.abs(theirs - mine) <= 1.0, "boot time " + mine + " vs " + theirs);
  }

  @Test
  void countersLieBetweenNodeExportersReadingsBeforeAndAfter() {
    Readings.Between b = readings.between(readings.counters(nodeExporterFamilies()));
    assertFalse(b.checked().isEmpty(), "no counter series in common");
    assertEquals(List.of(), b.outside());
  }

  /**
   * vmstat and netstat are untyped, as in node_exporter, but all their default fields but the two
   * named here only grow: ours must lie between node_exporter's readings like a counter's.
   */
  @Test
  void growingUntypedFieldsLieBetweenNodeExportersReadings() {
    Set<String> notGrowing = Set.of("node_netstat_Tcp_CurrEstab", "node_netstat_Ip_Forwarding");
    List<String> outside = new ArrayList<>();
    int checked = 0;
    for (String name : nodeExporterFamilies()) {
      if (before.family(name).type() != MetricFamily.Type.UNTYPED
          || !(name.startsWith("node_vmstat_") || name.startsWith("node_netstat_"))
          || notGrowing.contains(name)
          || scrape.value(name) == null) {
        continue;
      }
      checked++;
      double v = scrape.value(name);
      if (v < before.value(name) || v > after.value(name)) {
        outside.add(
            name
                + " = "
                + v
                + ", node_exporter "
                + before.value(name)
                + " .. "
                + after.value(name));
      }
    }
    assertTrue(checked > 0, "no vmstat or netstat field in common");
    assertEquals(List.of(), outside);
  }

  /** Figures that only change with configuration or hardware: equal, series by series. */
  @Test
  void staticKernelAndDeviceFiguresEqual() {
    for (String name :
        List.of(
            "node_filefd_maximum",
            "node_selinux_enabled",
            "node_nf_conntrack_entries_limit",
            "node_entropy_pool_size_bits",
            "node_timex_tick_seconds",
            "node_timex_sync_status",
            "node_timex_tai_offset_seconds",
            "node_network_info",
            "node_network_up",
            "node_network_mtu_bytes",
            "node_network_speed_bytes",
            "node_network_iface_id",
            "node_network_flags",
            "node_network_protocol_type",
            "node_network_transmit_queue_length",
            "node_network_address_assign_type")) {
      if (before.family(name) == null) {
        assertTrue(scrape.family(name) == null, name + ": node_exporter has none, we have");
        continue;
      }
      assertEquals(before.series(name), scrape.series(name), name);
    }
  }

  @Test
  void kernelTableGaugesWithinNodeExportersRange() {
    // Gauges that move with the host's activity: between the two readings, with room for the
    // sockets and file handles the scrapes themselves open and close.
    for (String name : List.of("node_filefd_allocated", "node_sockstat_sockets_used")) {
      if (before.value(name) == null) {
        continue;
      }
      double slack = 0.1 * Math.max(before.value(name), after.value(name)) + 64;
      assertTrue(readings.near(name, slack), readings.describe(name));
    }
  }

  @Test
  void gaugesThatOnlyMoveSlowlyAgree() {
    for (String name : List.of("node_load1", "node_load5", "node_load15", "node_time_seconds")) {
      assertTrue(readings.near(name, 0.01), readings.describe(name));
    }
  }

  @Test
  void unameOsAndTextfileSeriesEqual() {
    for (String name :
        List.of(
            "node_uname_info",
            "node_os_info",
            "node_os_version",
            "hostwatch_it_answer",
            "node_textfile_mtime_seconds",
            "node_textfile_scrape_error")) {
      assertFalse(before.series(name).isEmpty(), "node_exporter shows no " + name);
      assertEquals(before.series(name), scrape.series(name), name);
    }
  }
}
