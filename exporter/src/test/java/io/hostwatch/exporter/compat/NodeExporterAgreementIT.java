package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.exporter.textfile.MetricFamily;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
          "netclass");

  /**
   * Debian patches node_exporter's defaults (it also excludes /run, /mnt and /media, and the
   * loopback device); ours follow upstream node_exporter 1.5, so Debian's binary is told upstream's
   * values here.
   */
  static final List<String> UPSTREAM_DEFAULTS =
      List.of(
          "--collector.filesystem.mount-points-exclude="
              + "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
          "--collector.filesystem.fs-types-exclude="
              + "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
              + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
              + "|squashfs|sysfs|tracefs)$",
          "--collector.netdev.device-exclude=");

  @TempDir static Path workDir;
  private static RealProcess nodeExporter;
  private static RealProcess ours;
  private static Scrape before;
  private static Scrape scrape;
  private static Scrape after;

  @BeforeAll
  static void startBothAndScrape() throws Exception {
    Path nodeExporterBinary = Binaries.require("prometheus-node-exporter");
    Path textfiles = Files.createDirectories(workDir.resolve("textfile"));
    Files.writeString(
        textfiles.resolve("agreement.prom"),
        "# HELP hostwatch_it_answer The answer.\n# TYPE hostwatch_it_answer gauge\n"
            + "hostwatch_it_answer{question=\"life\"} 42\n");
    int nePort = FreePorts.next();
    int ourPort = FreePorts.next();
    List<String> neCmd = new ArrayList<>(List.of(nodeExporterBinary.toString()));
    neCmd.addAll(flags(nePort, textfiles));
    neCmd.addAll(UPSTREAM_DEFAULTS);
    nodeExporter = RealProcess.start("node_exporter", workDir, neCmd);
    ours =
        RealProcess.start(
            "exporter",
            workDir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"), flags(ourPort, textfiles).toArray(String[]::new)));
    String neUrl = "http://127.0.0.1:" + nePort + "/metrics";
    String ourUrl = "http://127.0.0.1:" + ourPort + "/metrics";
    nodeExporter.awaitReady(neUrl, Duration.ofSeconds(30));
    ours.awaitReady("http://127.0.0.1:" + ourPort + "/-/ready", Duration.ofSeconds(60));
    HttpClient client = HttpClient.newHttpClient();
    Scrape.of(client, ourUrl); // warm-up: the first scrape of a JVM is slow, not wrong
    before = Scrape.of(client, neUrl);
    scrape = Scrape.of(client, ourUrl);
    after = Scrape.of(client, neUrl);
  }

  static List<String> flags(int port, Path textfiles) {
    List<String> flags = new ArrayList<>();
    flags.add("--web.listen-address=127.0.0.1:" + port);
    flags.add("--collector.disable-defaults");
    COLLECTORS.forEach(c -> flags.add("--collector." + c));
    flags.add("--collector.textfile.directory=" + textfiles);
    return flags;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (ours != null) {
      ours.close();
    }
    if (nodeExporter != null) {
      nodeExporter.close();
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
    for (String sample : List.of("node_filesystem_size_bytes", "node_filesystem_files")) {
      Map<Map<String, String>, Double> theirs = before.series(sample);
      Map<Map<String, String>, Double> mine = scrape.series(sample);
      assertFalse(theirs.isEmpty(), "node_exporter shows no " + sample);
      List<String> unequal = new ArrayList<>();
      int common = 0;
      for (Map.Entry<Map<String, String>, Double> e : theirs.entrySet()) {
        Double m = mine.get(e.getKey());
        if (m != null) {
          common++;
          if (!m.equals(e.getValue())) {
            unequal.add(e.getKey() + ": " + e.getValue() + " vs ours " + m);
          }
        }
      }
      assertTrue(common > 0, "no mountpoint in common for " + sample + ": " + mine.keySet());
      assertEquals(List.of(), unequal, sample);
    }
  }

  @Test
  void bootTimeWithinOneSecond() {
    double theirs = before.value("node_boot_time_seconds");
    double mine = scrape.value("node_boot_time_seconds");
    assertTrue(Math.abs(theirs - mine) <= 1.0, "boot time " + mine + " vs " + theirs);
  }

  @Test
  void countersLieBetweenNodeExportersReadingsBeforeAndAfter() {
    List<String> outside = new ArrayList<>();
    int checked = 0;
    for (String name : nodeExporterFamilies()) {
      MetricFamily f = before.family(name);
      if (f.type() != MetricFamily.Type.COUNTER || scrape.family(name) == null) {
        continue;
      }
      Map<Map<String, String>, Double> a1 = before.series(name);
      Map<Map<String, String>, Double> a2 = after.series(name);
      for (Map.Entry<Map<String, String>, Double> e : scrape.series(name).entrySet()) {
        Double lo = a1.get(e.getKey());
        Double hi = a2.get(e.getKey());
        if (lo == null || hi == null) {
          continue; // a series set difference, reported by sameSeriesInEveryCommonFamily
        }
        checked++;
        // One USER_HZ tick of slack for seconds derived from jiffies, and rounding.
        double tolerance = 0.011 + 1e-9 * Math.abs(hi);
        double v = e.getValue();
        if (v < lo - tolerance || v > hi + tolerance) {
          outside.add(name + e.getKey() + " = " + v + ", node_exporter " + lo + " .. " + hi);
        }
      }
    }
    assertTrue(checked > 0, "no counter series in common");
    assertEquals(List.of(), outside);
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
      double lo = Math.min(before.value(name), after.value(name));
      double hi = Math.max(before.value(name), after.value(name));
      double mine = scrape.value(name);
      double slack = 0.1 * hi + 64;
      assertTrue(
          mine >= lo - slack && mine <= hi + slack,
          name + " " + mine + " not near " + lo + ".." + hi);
    }
  }

  @Test
  void gaugesThatOnlyMoveSlowlyAgree() {
    for (String name : List.of("node_load1", "node_load5", "node_load15", "node_time_seconds")) {
      double lo = Math.min(before.value(name), after.value(name));
      double hi = Math.max(before.value(name), after.value(name));
      double mine = scrape.value(name);
      assertTrue(
          mine >= lo - 0.01 && mine <= hi + 0.01, name + " " + mine + " not in " + lo + ".." + hi);
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
