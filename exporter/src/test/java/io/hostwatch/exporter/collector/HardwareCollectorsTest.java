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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardware collectors on a copy of {@code fixtures/linux/sys} (with sysfs's links) served as
 * {@code --path.sysfs}: each reads its sensors, and a garbled or missing source fails its collector
 * exactly where node_exporter 1.5 fails it, while the others go on.
 */
class HardwareCollectorsTest {
  private static final Set<String> COLLECTORS = Set.of("hwmon", "thermal_zone", "edac", "entropy");
  private static final String THERMAL = "sys/devices/virtual/thermal/";
  private static final String EDAC = "sys/devices/system/edac/mc/";
  private static final String CORETEMP = "sys/devices/platform/coretemp.0/hwmon/hwmon0/";

  @TempDir Path dir;
  private Path tree;
  private LinuxFixture fixture;

  @BeforeEach
  void copyFixtures() throws IOException {
    fixture = LinuxFixture.copyTo(dir.resolve("linux"));
    tree = fixture.dir;
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private List<MetricSnapshot> scrape() {
    return fixture.scrape(COLLECTORS);
  }

  private static Map<String, String> sensor(String chip, String sensor) {
    return Map.of("chip", chip, "sensor", sensor);
  }

  @Test
  void hwmonReadsEveryChip() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "hwmon"));
    assertEquals(46.0, value(s, "node_hwmon_temp_celsius", sensor("platform_coretemp_0", "temp1")));
    assertEquals(
        1.0,
        value(
            s,
            "node_hwmon_sensor_label",
            Map.of("chip", "platform_coretemp_0", "sensor", "temp1", "label", "Package id 0")));
    assertEquals(
        1.0, value(s, "node_hwmon_chip_names", Map.of("chip", "nvme_nvme0", "chip_name", "nvme")));
    assertEquals(1.04, value(s, "node_hwmon_in_volts", sensor("platform_nct6775_656", "in0")));
    assertEquals(1150.0, value(s, "node_hwmon_fan_rpm", sensor("platform_nct6775_656", "fan1")));
    assertEquals(153.0, value(s, "node_hwmon_pwm", sensor("platform_nct6775_656", "pwm1")));
    assertEquals(
        345.0,
        value(s, "node_hwmon_power_average_watt", sensor("lnxsybus:00_acpi000d:00", "power1")));
    assertEquals(
        123456.789012,
        value(s, "node_hwmon_energy_joule", sensor("platform_amd_energy_0", "energy1")));
    assertEquals(0.045678, value(s, "node_hwmon_humidity", sensor("i2c_1_1_0044", "humidity1")));
    assertEquals(1.52, value(s, "node_hwmon_curr_amps", sensor("i2c_1_1_0040", "curr1")));
    assertEquals(1.0, value(s, "node_hwmon_temp_fault", sensor("i2c_0_0_004c", "temp2")));
    assertEquals(
        0.5,
        value(s, "node_hwmon_update_interval_seconds", sensor("i2c_0_0_004c", "update_interval0")));
    assertEquals(40.0, value(s, "node_hwmon_temp_celsius", sensor("hwmon8", "temp1")));
    assertTrue(
        series(s, "node_hwmon_power_model_number_watt").isEmpty(), "a model name is no number");
  }

  @Test
  void hwmonLeavesOutAGarbledValueAndGoesOn() throws IOException {
    Files.writeString(tree.resolve(CORETEMP + "temp1_input"), "4x000\n");
    Files.writeString(tree.resolve(CORETEMP + "temp2_input"), "44");
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "hwmon"), "node_exporter skips a value it cannot parse");
    Map<Map<String, String>, Double> temps = series(s, "node_hwmon_temp_celsius");
    assertFalse(temps.containsKey(new java.util.TreeMap<>(sensor("platform_coretemp_0", "temp1"))));
    assertEquals(
        0.044, value(s, "node_hwmon_temp_celsius", sensor("platform_coretemp_0", "temp2")));
  }

  @Test
  void hwmonFailsWithoutItsClassDirectoryAndOthersGoOn() throws IOException {
    Path hidden = dir.resolve("hidden");
    Files.move(tree.resolve("sys/class/hwmon"), hidden);
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "hwmon"));
    assertEquals(1.0, success(s, "entropy"));
    assertTrue(series(s, "node_hwmon_temp_celsius").isEmpty());
    Files.move(hidden, tree.resolve("sys/class/hwmon"));
    assertEquals(1.0, success(scrape(), "hwmon"), "back once the directory is");
  }

  @Test
  void hwmonFailsOnAChipLinkToNothing() throws IOException {
    Files.createSymbolicLink(
        tree.resolve("sys/class/hwmon/hwmon9"),
        Path.of("../../devices/platform/gone/hwmon/hwmon9"));
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "hwmon"));
    assertEquals(1.0, success(s, "entropy"));
  }

  @Test
  void thermalZoneReadsZonesAndCoolingDevices() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "thermal_zone"));
    assertEquals(27.8, value(s, "node_thermal_zone_temp", Map.of("zone", "0", "type", "acpitz")));
    assertEquals(
        -40.0, value(s, "node_thermal_zone_temp", Map.of("zone", "2", "type", "iwlwifi_1")));
    assertEquals(
        -1.0,
        value(s, "node_cooling_device_cur_state", Map.of("name", "1", "type", "intel_powerclamp")));
    assertEquals(
        63.0, value(s, "node_cooling_device_max_state", Map.of("name", "2", "type", "TCC Offset")));
  }

  @Test
  void thermalZoneFailsOnAGarbledOrMissingFileAndOthersGoOn() throws IOException {
    Files.writeString(tree.resolve(THERMAL + "thermal_zone1/temp"), "46");
    assertEquals(1.0, success(scrape(), "thermal_zone"), "a short number is still a number");
    Files.writeString(tree.resolve(THERMAL + "thermal_zone1/temp"), "4x000\n");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "thermal_zone"));
    assertEquals(1.0, success(s, "hwmon"));
    assertEquals(1.0, success(s, "entropy"));
    Files.writeString(tree.resolve(THERMAL + "thermal_zone1/temp"), "46000\n");
    Files.delete(tree.resolve(THERMAL + "cooling_device0/cur_state"));
    assertEquals(0.0, success(scrape(), "thermal_zone"), "node_exporter fails on it too");
  }

  @Test
  void thermalZoneSucceedsWithoutItsClassDirectory() throws IOException {
    Files.move(tree.resolve("sys/class/thermal"), dir.resolve("hidden-thermal"));
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "thermal_zone"), "node_exporter 1.5 reports success here");
    assertTrue(series(s, "node_thermal_zone_temp").isEmpty());
  }

  @Test
  void edacReadsControllersAndRows() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "edac"));
    assertEquals(1.0, value(s, "node_edac_correctable_errors", Map.of("controller", "0")));
    assertEquals(5.0, value(s, "node_edac_uncorrectable_errors", Map.of("controller", "0")));
    assertEquals(
        2.0,
        value(
            s,
            "node_edac_csrow_correctable_errors",
            Map.of("controller", "0", "csrow", "unknown")));
    assertEquals(
        4.0,
        value(s, "node_edac_csrow_uncorrectable_errors", Map.of("controller", "0", "csrow", "0")));
    assertEquals(0.0, value(s, "node_edac_correctable_errors", Map.of("controller", "1")));
    assertEquals(4, series(s, "node_edac_csrow_correctable_errors").size(), "2 rows, 2 unknown");
  }

  @Test
  void edacFailsOnAGarbledOrMissingCountAndOthersGoOn() throws IOException {
    Files.writeString(tree.resolve(EDAC + "mc0/ue_count"), "-1\n");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "edac"));
    assertEquals(1.0, success(s, "thermal_zone"));
    assertEquals(1.0, success(s, "entropy"));
    Files.writeString(tree.resolve(EDAC + "mc0/ue_count"), "5\n");
    Files.delete(tree.resolve(EDAC + "mc1/ce_noinfo_count"));
    assertEquals(0.0, success(scrape(), "edac"));
  }

  @Test
  void edacSucceedsWithoutEdac() throws IOException {
    Files.move(tree.resolve("sys/devices/system/edac"), dir.resolve("hidden-edac"));
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "edac"), "node_exporter 1.5 reports success here");
    assertTrue(series(s, "node_edac_correctable_errors").isEmpty());
  }
}
