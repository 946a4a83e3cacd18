package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hostwatch.exporter.host.FixtureTree;
import io.hostwatch.exporter.textfile.MetricFamily;
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
 * Debian's node_exporter and our exporter read the same fixture tree ({@code fixtures/linux},
 * served as {@code --path.procfs} and {@code --path.sysfs}): for hardware this host lacks (RAID
 * arrays, bonds, sensors, NVMe drives, ECC memory) and for files that never change, both must
 * export exactly the same families, help texts, series and values, and report the same success per
 * collector.
 */
class FixtureAgreementIT {
  /** The collectors read from the fixture tree, by node_exporter's names. */
  static final List<String> COLLECTORS =
      List.of("entropy", "filefd", "mdadm", "bonding", "nvme", "hwmon", "thermal_zone", "edac");

  /**
   * The node-mixin's RAID and bonding alerts' names and dashboard 1860's hardware panel's: a plain
   * VM has none of them, so {@code DashboardNamesIT} cannot compare them; the fixtures have each.
   */
  static final List<String> DASHBOARD_AND_MIXIN_NAMES =
      List.of(
          "node_md_disks",
          "node_md_disks_required",
          "node_bonding_slaves",
          "node_bonding_active",
          "node_hwmon_chip_names",
          "node_hwmon_sensor_label",
          "node_hwmon_temp_celsius",
          "node_hwmon_temp_crit_alarm_celsius",
          "node_hwmon_temp_crit_celsius",
          "node_hwmon_temp_crit_hyst_celsius",
          "node_hwmon_temp_max_celsius");

  @TempDir static Path workDir;
  private static SideBySide both;
  private static Scrape theirs;
  private static Scrape mine;

  @BeforeAll
  static void startBothOnTheFixtures() throws Exception {
    Path tree = FixtureTree.copy(workDir.resolve("linux"));
    List<String> flags = new ArrayList<>();
    flags.add("--path.procfs=" + tree.resolve("proc"));
    flags.add("--path.sysfs=" + tree.resolve("sys"));
    flags.add("--path.rootfs=" + tree.resolve("root"));
    flags.add("--collector.disable-defaults");
    COLLECTORS.forEach(c -> flags.add("--collector." + c));
    both = SideBySide.start(workDir, flags);
    theirs = both.nodeExporter();
    mine = both.ours();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (both != null) {
      both.close();
    }
  }

  /** node_exporter's families from the collectors (not its Go runtime's, nor timings). */
  private static Set<String> collectorFamilies(Scrape s) {
    Set<String> names = new TreeSet<>();
    for (String name : s.familyNames()) {
      if (name.startsWith("node_")
          && !name.equals("node_exporter_build_info")
          && !name.equals("node_scrape_collector_duration_seconds")) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void everyCollectorReportsAsNodeExporterDoes() {
    Map<Map<String, String>, Double> success = theirs.series("node_scrape_collector_success");
    assertEquals(COLLECTORS.size(), success.size(), "node_exporter's collectors: " + success);
    assertEquals(success, mine.series("node_scrape_collector_success"));
  }

  @Test
  void dashboardAndMixinNamesServedAlike() {
    List<String> differences = new ArrayList<>();
    for (String name : DASHBOARD_AND_MIXIN_NAMES) {
      Map<Map<String, String>, Double> t = theirs.series(name);
      if (t.isEmpty()) {
        differences.add(name + ": the fixtures give node_exporter no series");
      } else if (!t.equals(mine.series(name))) {
        differences.add(name + ": node_exporter " + t + ", ours " + mine.series(name));
      }
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void sameFamiliesTypesAndHelp() {
    Set<String> names = collectorFamilies(theirs);
    assertFalse(names.isEmpty(), "node_exporter exported nothing from the fixtures");
    assertEquals(names, collectorFamilies(mine));
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      MetricFamily t = theirs.family(name);
      MetricFamily m = mine.family(name);
      if (t.type() != m.type() || !t.help().equals(m.help())) {
        differences.add(
            name
                + ": "
                + t.type()
                + " \""
                + t.help()
                + "\" vs ours "
                + m.type()
                + " \""
                + m.help()
                + "\"");
      }
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void sameSeriesAndValues() {
    List<String> differences = new ArrayList<>();
    for (String name : collectorFamilies(theirs)) {
      if (mine.family(name) == null) {
        continue; // reported by sameFamiliesTypesAndHelp
      }
      Set<String> sampleNames = new TreeSet<>();
      theirs.family(name).samples().forEach(s -> sampleNames.add(s.name()));
      for (String sampleName : sampleNames) {
        Map<Map<String, String>, Double> t = theirs.series(sampleName);
        Map<Map<String, String>, Double> m = mine.series(sampleName);
        if (!t.equals(m)) {
          differences.add(sampleName + ": node_exporter " + t + ", ours " + m);
        }
      }
    }
    assertEquals(List.of(), differences);
  }
}
