package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.labels;
import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collectors of {@code /proc/stat}, {@code meminfo}, {@code diskstats}, {@code net/dev}, {@code
 * loadavg}, the kernel's names, the clock sources and {@code /etc/os-release}, on the files of
 * {@code fixtures/linux} (copied from a Debian 12 host, values made distinct): the exact series
 * each one gives, a missing source failing that collector alone, and a file cut short refused where
 * its parser can tell.
 */
class LinuxCollectorsTest {
  /** The collectors this test covers; hostinfo and usage read through others and never fail. */
  static final Set<String> COLLECTORS =
      Set.of(
          "cpu",
          "stat",
          "meminfo",
          "diskstats",
          "netdev",
          "loadavg",
          "time",
          "uname",
          "os",
          "hostinfo",
          "usage");

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
    return fixture.scrape(COLLECTORS);
  }

  /** Every series of {@code name} by labels, as {@code expected} has them: no more, no fewer. */
  private static void assertSeries(
      Map<Map<String, String>, Double> expected, List<MetricSnapshot> s, String name) {
    Map<Map<String, String>, Double> want =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    want.putAll(expected);
    assertEquals(want, series(s, name), name);
  }

  /** As {@link #assertSeries}, for values scaled by a fraction (milliseconds to seconds). */
  private static void assertSeriesNear(
      Map<Map<String, String>, Double> expected, List<MetricSnapshot> s, String name) {
    Map<Map<String, String>, Double> got = series(s, name);
    Map<Map<String, String>, Double> want =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    want.putAll(expected);
    assertEquals(want.keySet().toString(), got.keySet().toString(), name);
    expected.forEach((l, v) -> assertEquals(v, got.get(l), 1e-9, name + l));
  }

  @Test
  void cpuGivesSecondsPerCpuAndModeAtUserHz() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "cpu"));
    Map<Map<String, String>, Double> seconds = new LinkedHashMap<>();
    String[] modes = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
    double[] cpu0 = {8727.39, 204.57, 1963.04, 46817.55, 13.68, 0, 94.24, 0};
    double[] cpu1 = {8903.31, 208.48, 2117.39, 46452.84, 36.74, 0, 103.92, 0.07};
    for (int i = 0; i < modes.length; i++) {
      seconds.put(labels("cpu", "0", "mode", modes[i]), cpu0[i]);
      seconds.put(labels("cpu", "1", "mode", modes[i]), cpu1[i]);
    }
    assertSeries(seconds, s, "node_cpu_seconds");
    assertSeries(
        Map.of(
            labels("cpu", "0", "mode", "user"), 0.0,
            labels("cpu", "0", "mode", "nice"), 0.0,
            labels("cpu", "1", "mode", "user"), 1.2,
            labels("cpu", "1", "mode", "nice"), 0.03),
        s,
        "node_cpu_guest_seconds");
  }

  @Test
  void statGivesTheKernelCounters() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "stat"));
    assertEquals(1796231437.0, value(s, "node_boot_time_seconds", Map.of()));
    assertEquals(46758249.0, value(s, "node_context_switches", Map.of()));
    assertEquals(269701.0, value(s, "node_forks", Map.of()));
    assertEquals(20362902.0, value(s, "node_intr", Map.of()), "the first intr figure, the sum");
    assertEquals(2.0, value(s, "node_procs_running", Map.of()));
    assertEquals(1.0, value(s, "node_procs_blocked", Map.of()));
  }

  @Test
  void meminfoGivesEveryLineInBytesOrAsACount() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "meminfo"));
    assertEquals(8039972.0 * 1024, value(s, "node_memory_MemTotal_bytes", Map.of()));
    assertEquals(5123456.0 * 1024, value(s, "node_memory_MemAvailable_bytes", Map.of()));
    assertEquals(1552000.0 * 1024, value(s, "node_memory_Active_anon_bytes", Map.of()));
    assertEquals(34359738367.0 * 1024, value(s, "node_memory_VmallocTotal_bytes", Map.of()));
    assertEquals(16.0, value(s, "node_memory_HugePages_Total", Map.of()), "a count, no unit");
    assertEquals(2048.0 * 1024, value(s, "node_memory_Hugepagesize_bytes", Map.of()));
    long families =
        s.stream().filter(m -> m.getMetadata().getName().startsWith("node_memory_")).count();
    assertEquals(53, families, "one family per line of the fixture");
  }

  @Test
  void diskstatsGivesEachKernelFormatsFieldsAndUdevInfo() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "diskstats"));
    // sda has the 5.5+ format (flushes), dm-0 the 4.18 one (discards), nvme0n1 the old one;
    // loop0 and the partition sda1 are left out by the default device-exclude.
    assertSeries(
        Map.of(
            labels("device", "sda"), 9876543.0 * 512,
            labels("device", "nvme0n1"), 400000.0 * 512,
            labels("device", "dm-0"), 560000.0 * 512),
        s,
        "node_disk_read_bytes");
    assertSeries(
        Map.of(
            labels("device", "sda"),
            234567.0,
            labels("device", "nvme0n1"),
            6000.0,
            labels("device", "dm-0"),
            8000.0),
        s,
        "node_disk_writes_completed");
    assertSeries(
        Map.of(
            labels("device", "sda"),
            2.0,
            labels("device", "nvme0n1"),
            0.0,
            labels("device", "dm-0"),
            1.0),
        s,
        "node_disk_io_now");
    assertSeriesNear(
        Map.of(
            labels("device", "dm-0"),
            4.1,
            labels("device", "nvme0n1"),
            3.0,
            labels("device", "sda"),
            110.0),
        s,
        "node_disk_io_time_seconds");
    assertSeriesNear(
        Map.of(
            labels("device", "dm-0"),
            2.1,
            labels("device", "nvme0n1"),
            1.5,
            labels("device", "sda"),
            45.678),
        s,
        "node_disk_read_time_seconds");
    assertSeries(
        Map.of(labels("device", "sda"), 10.0, labels("device", "dm-0"), 0.0),
        s,
        "node_disk_discards_completed");
    assertSeries(Map.of(labels("device", "sda"), 300.0), s, "node_disk_flush_requests");
    assertSeriesNear(
        Map.of(labels("device", "sda"), 0.04), s, "node_disk_flush_requests_time_seconds");
    Map<Map<String, String>, Double> info = new LinkedHashMap<>();
    info.put(
        labels(
            "device",
            "sda",
            "major",
            "8",
            "minor",
            "0",
            "path",
            "pci-0000:00:1f.2-ata-1",
            "wwn",
            "0x5000c500a1b2c3d4",
            "model",
            "ST1000DM010-2EP102",
            "serial",
            "Z9A1B2C3",
            "revision",
            "CC43"),
        1.0);
    for (String[] d : new String[][] {{"nvme0n1", "259"}, {"dm-0", "253"}}) {
      info.put(
          labels(
              "device",
              d[0],
              "major",
              d[1],
              "minor",
              "0",
              "path",
              "",
              "wwn",
              "",
              "model",
              "",
              "serial",
              "",
              "revision",
              ""),
          1.0);
    }
    assertSeries(info, s, "node_disk_info");
  }

  @Test
  void netdevGivesEveryColumnPerDevice() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "netdev"));
    assertSeries(
        Map.of(
            labels("device", "lo"), 16402995242.0,
            labels("device", "eth0"), 9876543210.0,
            labels("device", "ifb0"), 0.0),
        s,
        "node_network_receive_bytes");
    String[] columns = {
      "receive_bytes",
      "receive_packets",
      "receive_errs",
      "receive_drop",
      "receive_fifo",
      "receive_frame",
      "receive_compressed",
      "receive_multicast",
      "transmit_bytes",
      "transmit_packets",
      "transmit_errs",
      "transmit_drop",
      "transmit_fifo",
      "transmit_colls",
      "transmit_carrier",
      "transmit_compressed"
    };
    double[] eth0 = {
      9876543210.0, 7654321, 3, 4, 5, 6, 7, 89, 1234567890, 2345678, 9, 10, 11, 12, 13, 14
    };
    for (int i = 0; i < columns.length; i++) {
      assertEquals(
          eth0[i], value(s, "node_network_" + columns[i], Map.of("device", "eth0")), columns[i]);
      assertEquals(3, series(s, "node_network_" + columns[i]).size(), columns[i]);
    }
    long families =
        s.stream().filter(m -> m.getMetadata().getName().startsWith("node_network_")).count();
    assertEquals(columns.length, families, "no rx_nohandler without its sysfs file");
  }

  @Test
  void loadavgGivesTheThreeAverages() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "loadavg"));
    assertEquals(0.25, value(s, "node_load1", Map.of()));
    assertEquals(0.5, value(s, "node_load5", Map.of()));
    assertEquals(1.75, value(s, "node_load15", Map.of()));
  }

  @Test
  void timeGivesTheClockTheZoneAndTheClockSources() {
    TimeZone before = TimeZone.getDefault();
    TimeZone kolkata = TimeZone.getTimeZone("Asia/Kolkata"); // no daylight saving time
    TimeZone.setDefault(kolkata);
    List<MetricSnapshot> s;
    double from = Instant.now().getEpochSecond();
    try {
      s = scrape();
    } finally {
      TimeZone.setDefault(before);
    }
    double to = Instant.now().getEpochSecond() + 1;
    assertEquals(1.0, success(s, "time"));
    double now = value(s, "node_time_seconds", Map.of());
    assertTrue(from <= now && now <= to, now + " not in [" + from + ", " + to + "]");
    assertSeries(
        Map.of(labels("time_zone", kolkata.getDisplayName(false, TimeZone.SHORT)), 19800.0),
        s,
        "node_time_zone_offset_seconds");
    assertSeries(
        Map.of(
            labels("clocksource", "tsc", "device", "0"), 1.0,
            labels("clocksource", "hpet", "device", "0"), 1.0,
            labels("clocksource", "acpi_pm", "device", "0"), 1.0),
        s,
        "node_time_clocksource_available_info");
    assertSeries(
        Map.of(labels("clocksource", "tsc", "device", "0"), 1.0),
        s,
        "node_time_clocksource_current_info");
  }

  @Test
  void unameGivesTheKernelsNames() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "uname"));
    assertSeries(
        Map.of(
            labels(
                "sysname", "Linux",
                "release", "6.1.0-18-amd64",
                "version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
                "machine", "x86_64",
                "nodename", "web-01",
                "domainname", "(none)"),
            1.0),
        s,
        "node_uname_info");
  }

  @Test
  void osGivesTheOsReleaseFieldsAndVersion() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "os"));
    assertSeries(
        Map.of(
            labels(
                "build_id",
                "",
                "id",
                "debian",
                "id_like",
                "",
                "image_id",
                "",
                "image_version",
                "",
                "name",
                "Debian GNU/Linux",
                "pretty_name",
                "Debian GNU/Linux 12 (bookworm)",
                "variant",
                "",
                "variant_id",
                "",
                "version",
                "12 (bookworm)",
                "version_codename",
                "bookworm",
                "version_id",
                "12"),
            1.0),
        s,
        "node_os_info");
    assertSeries(
        Map.of(labels("id", "debian", "id_like", "", "name", "Debian GNU/Linux"), 12.0),
        s,
        "node_os_version");
  }

  @Test
  void aMissingSourceFailsOnlyItsCollectors() throws Exception {
    Map<String, Set<String>> failing = new LinkedHashMap<>();
    failing.put("proc/stat", Set.of("cpu", "stat"));
    failing.put("proc/meminfo", Set.of("meminfo"));
    failing.put("proc/diskstats", Set.of("diskstats"));
    failing.put("proc/net/dev", Set.of("netdev"));
    failing.put("proc/loadavg", Set.of("loadavg"));
    // A clock source device without its files fails the whole time collector, as
    // node_exporter's; a sysfs without clock source devices at all is no error (next test).
    failing.put("sys/devices/system/clocksource", Set.of());
    failing.put("sys/devices/system/clocksource/clocksource0/current_clocksource", Set.of("time"));
    failing.put("proc/sys/kernel/hostname", Set.of("uname"));
    failing.put("root/etc/os-release", Set.of("os"));
    for (Map.Entry<String, Set<String>> e : failing.entrySet()) {
      fixture.hide(e.getKey());
      List<MetricSnapshot> s = scrape();
      for (String name : COLLECTORS) {
        assertEquals(
            e.getValue().contains(name) ? 0.0 : 1.0,
            success(s, name),
            name + " with " + e.getKey() + " missing");
      }
      fixture.restore(e.getKey());
    }
    assertEquals(1.0, success(scrape(), "uname"), "back once the file is");
  }

  @Test
  void noClockSourceDeviceStillGivesTheTime() throws Exception {
    fixture.hide("sys/devices/system/clocksource");
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "time"));
    assertEquals(1, series(s, "node_time_seconds").size());
    assertEquals(Map.of(), series(s, "node_time_clocksource_current_info"));
  }

  @Test
  void aTruncatedLoadavgIsRefused() throws Exception {
    fixture.replace("proc/loadavg", "/fixtures/truncated/loadavg");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "loadavg"));
    assertEquals(Map.of(), series(s, "node_load1"));
    assertEquals(1.0, success(s, "cpu"));
  }

  @Test
  void aNetDevCutInItsHeaderIsRefused() throws Exception {
    fixture.replace("proc/net/dev", "/fixtures/truncated/net-dev");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "netdev"));
    assertEquals(Map.of(), series(s, "node_network_receive_bytes"));
    assertEquals(1.0, success(s, "diskstats"));
  }

  @Test
  void aDiskstatsLineCutShortIsLeftOutNotMisread() throws Exception {
    fixture.replace("proc/diskstats", "/fixtures/truncated/diskstats");
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "diskstats"));
    assertSeries(Map.of(labels("device", "sda"), 9876543.0 * 512), s, "node_disk_read_bytes");
    assertEquals(1, series(s, "node_disk_info").size(), "nvme0n1 was cut mid-line");
  }
}
