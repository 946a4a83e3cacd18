package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.textfile.MetricFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OSHI backend, which macOS and Windows users get, run here on Linux with {@code
 * --host.backend=oshi} beside Debian's node_exporter, both restricted to the collectors OSHI
 * serves: where OSHI has a figure it must tell node_exporter's story, and what it cannot give is
 * listed below with the reason. As in {@link NodeExporterAgreementIT}, node_exporter is scraped
 * before and after ours, so a counter of ours must lie between its two readings.
 */
class OshiAgreementIT {
  /** The collectors whose figures OSHI serves, by node_exporter's names. */
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
          "os");

  /**
   * node_exporter's families of those collectors that OSHI has no figure for, so ours leave them
   * out (node_memory_* beyond {@link #OSHI_MEMORY} too).
   */
  static final Set<String> OSHI_LACKS =
      Set.of(
          // HWDiskStore counts reads, writes, their bytes, the queue and the busy time only.
          "node_disk_reads_merged_total",
          "node_disk_writes_merged_total",
          "node_disk_read_time_seconds_total",
          "node_disk_write_time_seconds_total",
          "node_disk_io_time_weighted_seconds_total",
          "node_disk_discards_completed_total",
          "node_disk_discards_merged_total",
          "node_disk_discarded_sectors_total",
          "node_disk_discard_time_seconds_total",
          "node_disk_flush_requests_total",
          "node_disk_flush_requests_time_seconds_total",
          // NetworkIF has bytes, packets, errors both ways, receive drops and collisions only.
          "node_network_receive_fifo_total",
          "node_network_receive_compressed_total",
          "node_network_receive_frame_total",
          "node_network_receive_multicast_total",
          "node_network_receive_nohandler_total",
          "node_network_transmit_fifo_total",
          "node_network_transmit_compressed_total",
          "node_network_transmit_carrier_total",
          "node_network_transmit_drop_total",
          // CentralProcessor and OperatingSystem count neither forks nor runnable/blocked tasks.
          "node_forks_total",
          "node_procs_running",
          "node_procs_blocked",
          // OSHI has no call for the kernel's clock sources.
          "node_time_clocksource_available_info",
          "node_time_clocksource_current_info");

  /**
   * The meminfo fields ours has: GlobalMemory knows totals only. MemTotal, MemAvailable and the
   * swap figures are /proc/meminfo's; MemFree, Buffers and Cached are the approximation macOS and
   * Windows need (MemFree is what can be allocated, no page-cache split), so their values are not
   * compared.
   */
  static final Set<String> OSHI_MEMORY =
      Set.of(
          "node_memory_MemTotal_bytes",
          "node_memory_MemFree_bytes",
          "node_memory_MemAvailable_bytes",
          "node_memory_Buffers_bytes",
          "node_memory_Cached_bytes",
          "node_memory_SwapTotal_bytes",
          "node_memory_SwapFree_bytes");

  /** OSHI knows no device numbers: node_disk_info's major and minor are 0 in ours. */
  static final Set<String> DEVICE_NUMBERS = Set.of("major", "minor");

  @TempDir static Path workDir;
  private static SideBySide both;
  private static Readings readings;
  private static Scrape before;
  private static Scrape scrape;
  private static Scrape after;

  @BeforeAll
  static void startBothAndScrape() throws Exception {
    List<String> flags = new ArrayList<>(List.of("--collector.disable-defaults"));
    COLLECTORS.forEach(c -> flags.add("--collector." + c));
    both =
        SideBySide.start(
            workDir,
            flags,
            List.of("--host.backend=oshi", "--host.id-file=" + workDir.resolve("host-id")));
    readings = both.readings(); // its warm-up scrape also lets OSHI load and cache what it needs
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

  private static boolean oshiLacks(String family) {
    return OSHI_LACKS.contains(family)
        || family.startsWith("node_memory_") && !OSHI_MEMORY.contains(family);
  }

  /** node_exporter's families of the shared collectors that OSHI can give. */
  private static Set<String> sharedFamilies() {
    Set<String> names = new TreeSet<>();
    for (String name : before.familyNames()) {
      if (name.startsWith("node_")
          && !name.startsWith("node_scrape_")
          && !name.equals("node_exporter_build_info")
          && !oshiLacks(name)) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void sameFamiliesWithTheSameTypesButThoseOshiLacks() {
    Set<String> missing = new TreeSet<>();
    List<String> wrongType = new ArrayList<>();
    for (String name : sharedFamilies()) {
      MetricFamily ourFamily = scrape.family(name);
      if (ourFamily == null) {
        missing.add(name);
      } else if (ourFamily.type() != before.family(name).type()) {
        wrongType.add(name + ": " + ourFamily.type() + " vs " + before.family(name).type());
      }
    }
    assertEquals(Set.of(), missing, "families node_exporter has, OSHI can give, and we lack");
    assertEquals(List.of(), wrongType, "families typed differently");
    Set<String> listedButServed = new TreeSet<>(OSHI_LACKS);
    listedButServed.removeIf(name -> scrape.family(name) == null);
    assertEquals(Set.of(), listedButServed, "listed as lacking, but ours has them");
  }

  @Test
  void sameSeriesWhereOshiHasTheData() {
    List<String> differences = new ArrayList<>();
    for (String name : sharedFamilies()) {
      if (scrape.family(name) == null || name.startsWith("node_network_")) {
        continue; // reported by the families test; network devices below
      }
      Set<Map<String, String>> theirs = withoutDeviceNumbers(name, before.series(name).keySet());
      Set<Map<String, String>> mine = withoutDeviceNumbers(name, scrape.series(name).keySet());
      if (!theirs.equals(mine)) {
        differences.add(name + ": node_exporter " + theirs + ", ours " + mine);
      }
    }
    assertEquals(List.of(), differences);
    assertEquals(
        Set.of("0"),
        new TreeSet<>(
            scrape.series("node_disk_info").keySet().stream().map(l -> l.get("major")).toList()),
        "OSHI knows no device numbers; ours must not make them up");
  }

  private static Set<Map<String, String>> withoutDeviceNumbers(
      String family, Set<Map<String, String>> series) {
    if (!family.equals("node_disk_info")) {
      return series;
    }
    Set<Map<String, String>> out = new java.util.HashSet<>();
    for (Map<String, String> labels : series) {
      Map<String, String> l = new HashMap<>(labels);
      l.keySet().removeAll(DEVICE_NUMBERS);
      out.add(l);
    }
    return out;
  }

  /**
   * OSHI lists the interfaces Java's NetworkInterface sees, which leaves out devices without an
   * address (ifb, down bridges): ours are a subset of node_exporter's devices, with the loopback
   * and every up device with an address among them, each with the same families.
   */
  @Test
  void networkDevicesASubsetWithTheLoopback() throws Exception {
    Set<String> theirs = devices(before, "node_network_receive_bytes_total");
    Set<String> mine = devices(scrape, "node_network_receive_bytes_total");
    assertTrue(theirs.containsAll(mine), "ours " + mine + ", node_exporter " + theirs);
    Set<String> addressed = new TreeSet<>();
    for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && ni.getInetAddresses().hasMoreElements()) {
        addressed.add(ni.getName());
      }
    }
    assertTrue(mine.contains("lo"), mine.toString());
    assertTrue(mine.containsAll(addressed), "ours " + mine + ", up with an address " + addressed);
    for (String name : sharedFamilies()) {
      if (name.startsWith("node_network_")) {
        assertEquals(mine, devices(scrape, name), name);
      }
    }
  }

  private static Set<String> devices(Scrape s, String family) {
    Set<String> out = new TreeSet<>();
    s.series(family).keySet().forEach(l -> out.add(l.get("device")));
    return out;
  }

  @Test
  void memoryAndSwapTotalsEqual() {
    for (String name : List.of("node_memory_MemTotal_bytes", "node_memory_SwapTotal_bytes")) {
      Double theirs = before.value(name);
      assertNotNull(theirs, "node_exporter shows no " + name);
      assertEquals(theirs, scrape.value(name), name);
    }
  }

  /** MemAvailable moves with the host: between node_exporter's readings, give or take 1%. */
  @Test
  void memAvailableWithinNodeExportersRange() {
    String name = "node_memory_MemAvailable_bytes";
    double slack = 0.01 * before.value("node_memory_MemTotal_bytes");
    assertTrue(readings.near(name, slack), readings.describe(name));
  }

  @Test
  void filesystemStaticFiguresEqualForEveryCommonMountpoint() {
    readings.assertEqualWhereBothHave(
        List.of("node_filesystem_size_bytes", "node_filesystem_files", "node_filesystem_readonly"));
  }

  @Test
  void bootTimeWithinOneSecond() {
    double theirs = before.value("node_boot_time_seconds");
    double mine = scrape.value("node_boot_time_seconds");
    assertTrue(Math.abs(theirs - mine) <= 1.0, "boot time " + mine + " vs " + theirs);
  }

  /**
   * OSHI reads the same kernel counters (/proc/stat, /proc/diskstats, /sys/class/net): ours lie
   * between node_exporter's readings, with the existing IT's one USER_HZ tick of slack (OSHI turns
   * ticks into whole milliseconds, which loses nothing at USER_HZ 100).
   */
  @Test
  void countersLieBetweenNodeExportersReadingsBeforeAndAfter() {
    Readings.Between b = readings.between(readings.counters(sharedFamilies()));
    Set<String> checkedFamilies = b.checked();
    List<String> outside = b.outside();
    assertTrue(
        checkedFamilies.containsAll(
            Set.of(
                "node_cpu_seconds_total",
                "node_context_switches_total",
                "node_intr_total",
                "node_disk_reads_completed_total",
                "node_disk_written_bytes_total",
                "node_disk_io_time_seconds_total",
                "node_network_receive_bytes_total",
                "node_network_transmit_packets_total")),
        "counters compared: " + checkedFamilies);
    assertEquals(List.of(), outside);
  }

  /**
   * /proc/loadavg rounds to two decimals where OSHI's getloadavg(3) gives the kernel's fixed-point
   * value (2.05078125 for 2.05): the existing IT's 0.01 of slack covers that half-hundredth.
   */
  @Test
  void gaugesThatOnlyMoveSlowlyAgree() {
    for (String name : List.of("node_load1", "node_load5", "node_load15", "node_time_seconds")) {
      assertTrue(readings.near(name, 0.01), readings.describe(name));
    }
  }

  @Test
  void unameOsAndTimeZoneSeriesEqual() {
    for (String name :
        List.of(
            "node_uname_info",
            "node_os_info",
            "node_os_version",
            "node_time_zone_offset_seconds",
            "node_disk_io_now")) {
      assertFalse(before.series(name).isEmpty(), "node_exporter shows no " + name);
      assertEquals(before.series(name), scrape.series(name), name);
    }
  }
}
