package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardware sensor parsers on strings, and their reads on a copy of {@code fixtures/linux/sys}
 * (with sysfs's links) where files are then garbled or taken away.
 */
class HardwareSensorParsersTest {
  @TempDir Path dir;

  private LinuxSensors sensors(Path tree) {
    return new LinuxSensors(new HostPaths(tree.resolve("proc"), tree.resolve("sys"), tree));
  }

  @Test
  void sensorFileNamesSplitIntoTypeNumberAndProperty() {
    assertEquals(
        new HwmonChip.SensorFile("temp", "temp1", "crit_alarm"),
        HwmonChip.sensorFile("temp1_crit_alarm"));
    assertEquals(new HwmonChip.SensorFile("pwm", "pwm1", ""), HwmonChip.sensorFile("pwm1"));
    assertEquals(
        new HwmonChip.SensorFile("beep_enable", "beep_enable0", ""),
        HwmonChip.sensorFile("beep_enable"));
    assertEquals(
        new HwmonChip.SensorFile("temp", "temp1", "max"), HwmonChip.sensorFile("temp01_max"));
    assertNull(HwmonChip.sensorFile("name"), "not a sensor type");
    assertNull(HwmonChip.sensorFile("device"));
    assertNull(HwmonChip.sensorFile("temp_input"), "no number: the type is temp_input");
    assertNull(HwmonChip.sensorFile("1temp"));
  }

  @Test
  void namesAreCleanedForLabels() {
    assertEquals("coretemp", HwmonChip.cleanName("coretemp\n"));
    assertEquals("lnxsybus:00", HwmonChip.cleanName("LNXSYBUS:00"));
    assertEquals("package_id_0", HwmonChip.cleanName("__Package id 0__"));
    assertEquals("", HwmonChip.cleanName("--"));
  }

  @Test
  void chipLabelPrefersTheDevicePathThenTheNameThenTheDirectory() {
    assertEquals(
        "platform_coretemp_0",
        HwmonChip.chipLabel("platform", "coretemp.0", "coretemp\n", "hwmon0"));
    assertEquals("nvme0", HwmonChip.chipLabel("", "nvme0", null, "hwmon3"));
    assertEquals("acpitz", HwmonChip.chipLabel(null, null, "acpitz\n", "hwmon1"));
    assertEquals("hwmon8", HwmonChip.chipLabel(null, null, "\n", "hwmon8"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HwmonChip.chipLabel(null, null, null, "_"));
    assertTrue(e.getMessage().contains("expected a device link or a name file"), e.getMessage());
  }

  @Test
  void textLosesOnlyNewlinesAndRunsOfBadBytesBecomeOneReplacement() {
    assertEquals("Core 0", HwmonChip.text("Core 0\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(" x ", HwmonChip.text("\n\n x \n\n".getBytes(StandardCharsets.UTF_8)));
    byte[] bad = {'C', 'o', (byte) 0xff, (byte) 0xfe, 'r', 'e', '\n'};
    assertEquals("Co\uFFFDre", HwmonChip.text(bad));
    assertEquals("", HwmonChip.text(new byte[] {'\n'}));
  }

  @Test
  void numbersAreReadAsGoReadsThem() {
    assertEquals(OptionalDouble.of(46000), HwmonChip.number("46000"));
    assertEquals(OptionalDouble.of(-273150), HwmonChip.number("-273150"));
    assertEquals(OptionalDouble.of(5), HwmonChip.number("+5"));
    assertEquals(OptionalDouble.of(1000), HwmonChip.number("1_000"));
    assertEquals(OptionalDouble.of(8), HwmonChip.number("0x1p3"));
    assertEquals(OptionalDouble.of(0.5), HwmonChip.number(".5"));
    assertTrue(Double.isNaN(HwmonChip.number("NaN").getAsDouble()));
    assertEquals(OptionalDouble.of(Double.POSITIVE_INFINITY), HwmonChip.number("+Inf"));
    for (String refused :
        List.of("", " 8", "8 ", "PM-2000 rev B", "1e400", "+nan", "1__0", "4x000")) {
      assertEquals(OptionalDouble.empty(), HwmonChip.number(refused), refused);
    }
  }

  @Test
  void hwmonChipsOfTheFixtureTree() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    List<HwmonChip> chips = sensors(tree).hwmon();
    assertEquals(
        List.of(
            "platform_coretemp_0",
            "platform_nct6775_656",
            "lnxsybus:00_acpi000d:00",
            "nvme_nvme0",
            "i2c_1_1_0044",
            "i2c_1_1_0040",
            "platform_amd_energy_0",
            "i2c_0_0_004c",
            "hwmon8"),
        chips.stream().map(HwmonChip::chip).toList());
    HwmonChip coretemp = chips.get(0);
    assertEquals("coretemp", coretemp.chipName());
    assertEquals(
        List.of("temp1", "temp2", "temp3"),
        coretemp.sensors().stream().map(HwmonChip.Sensor::name).toList(),
        "the power/ directory is no sensor");
    assertEquals(
        Map.of(
            "input",
            "46000",
            "label",
            "Package id 0",
            "max",
            "100000",
            "crit",
            "100000",
            "crit_alarm",
            "0"),
        coretemp.sensors().get(0).properties());
    HwmonChip lm90 = chips.get(7);
    assertEquals("", lm90.chipName(), "its name file is on the device");
    assertEquals(
        List.of("temp1", "temp2", "update_interval0"),
        lm90.sensors().stream().map(HwmonChip.Sensor::name).toList(),
        "sensors read from device/");
    assertEquals("update_interval", lm90.sensors().get(2).type());
  }

  @Test
  void sensorValuesAreCutAt128Bytes() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    Files.writeString(
        tree.resolve("sys/devices/platform/coretemp.0/hwmon/hwmon0/temp2_label"), "x".repeat(200));
    String label = sensors(tree).hwmon().get(0).sensors().get(1).properties().get("label");
    assertEquals("x".repeat(128), label);
  }

  @Test
  void missingHwmonClassIsNoSuchFile() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    try (var links = Files.list(tree.resolve("sys/class/hwmon"))) {
      for (Path p : (Iterable<Path>) links::iterator) {
        Files.delete(p);
      }
    }
    assertEquals(List.of(), sensors(tree).hwmon());
    Files.delete(tree.resolve("sys/class/hwmon"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> sensors(tree).hwmon());
    assertTrue(e.getMessage().endsWith("sys/class/hwmon"), e.getMessage());
  }

  @Test
  void aLinkToNothingFailsTheReadAndNamesTheLink() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    Files.createSymbolicLink(
        tree.resolve("sys/class/hwmon/hwmon9"),
        Path.of("../../devices/platform/gone/hwmon/hwmon9"));
    IOException e = assertThrows(IOException.class, () -> sensors(tree).hwmon());
    assertTrue(e.getMessage().contains("sys/class/hwmon/hwmon9: links to nothing"), e.getMessage());
  }

  @Test
  void thermalZonesAndCoolingDevicesParse() {
    assertEquals(
        new ThermalStats.Zone("0", "acpitz", 27800),
        ThermalStats.parseZone("/sys/class/thermal/thermal_zone0", "0", "acpitz", "27800", "0"));
    assertEquals(
        new ThermalStats.Zone("1", "x", -5000),
        ThermalStats.parseZone("/z", "1", "x", "-5000", null));
    assertEquals(
        new ThermalStats.CoolingDevice("1", "intel_powerclamp", -1, 50),
        ThermalStats.parseCoolingDevice("/c", "1", "intel_powerclamp", "-1", "50"));
  }

  @Test
  void thermalFilesThatAreNoNumbersAreRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ThermalStats.parseZone("/sys/class/thermal/thermal_zone1", "1", "x", "27", "zz"));
    assertEquals(
        "/sys/class/thermal/thermal_zone1/passive: expected an unsigned integer"
            + " (millidegrees Celsius), got \"zz\"",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ThermalStats.parseZone("/z", "1", "x", "", null));
    assertEquals("/z/temp: expected an integer (millidegrees Celsius), got \"\"", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ThermalStats.parseCoolingDevice("/c", "0", "Processor", "0", "3x"));
    assertEquals("/c/max_state: expected an integer (cooling state), got \"3x\"", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ThermalStats.parseZone("/z", "1", "x", "99999999999999999999", null));
  }

  @Test
  void thermalOfTheFixtureTree() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    ThermalStats t = sensors(tree).thermal();
    assertEquals(
        List.of(
            new ThermalStats.Zone("0", "acpitz", 27800),
            new ThermalStats.Zone("1", "x86_pkg_temp", 46000),
            new ThermalStats.Zone("2", "iwlwifi_1", -40000)),
        t.zones());
    assertEquals(
        new ThermalStats.CoolingDevice("2", "TCC Offset", 5, 63), t.coolingDevices().get(2));
  }

  @Test
  void thermalWithoutItsClassDirectoryHasNothing() throws IOException {
    Path tree = dir.resolve("empty");
    Files.createDirectories(tree.resolve("sys"));
    assertEquals(new ThermalStats(List.of(), List.of()), sensors(tree).thermal());
  }

  @Test
  void aThermalZoneMissingItsTemperatureFailsTheRead() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    Files.delete(tree.resolve("sys/devices/virtual/thermal/thermal_zone1/temp"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> sensors(tree).thermal());
    assertTrue(e.getMessage().endsWith("thermal_zone1/temp"), e.getMessage());
  }

  @Test
  void edacCountsAreUnsignedIntegers() {
    assertEquals(7.0, EdacController.count("/ce_count", " 7 \n"));
    assertEquals(0x1p64 - 1, EdacController.count("/ce_count", "18446744073709551615"), 1e4);
    for (String refused : List.of("", "+1", "-1", "abc", "1 2", "18446744073709551616")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> EdacController.count("/sys/devices/system/edac/mc/mc0/ce_count", refused),
              refused);
      assertEquals(
          "/sys/devices/system/edac/mc/mc0/ce_count: expected an unsigned integer (error count),"
              + " got \""
              + refused.strip()
              + "\"",
          e.getMessage());
    }
    assertEquals("0", EdacController.number("mc0", "mc"));
    assertEquals("12", EdacController.number("csrow12", "csrow"));
    assertEquals("0", EdacController.number("mc0a", "mc"));
  }

  @Test
  void edacOfTheFixtureTree() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    List<EdacController> mcs = sensors(tree).edac();
    assertEquals(
        List.of(
            new EdacController(
                "0",
                1,
                2,
                5,
                6,
                List.of(new EdacController.Csrow("0", 3, 4), new EdacController.Csrow("1", 0, 0))),
            new EdacController("1", 0, 0, 0, 0, List.of())),
        mcs);
  }

  @Test
  void edacWithoutItsDirectoryHasNothingAndAMissingCountFails() throws IOException {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty.resolve("sys"));
    assertEquals(List.of(), sensors(empty).edac());
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    Files.delete(tree.resolve("sys/devices/system/edac/mc/mc0/csrow1/ue_count"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> sensors(tree).edac());
    assertTrue(e.getMessage().endsWith("mc0/csrow1/ue_count"), e.getMessage());
  }

  @Test
  void edacRowsOfAControllerWithAnOddNameFail() throws IOException {
    Path tree = FixtureTree.copy(dir.resolve("linux"));
    Path mc = tree.resolve("sys/devices/system/edac/mc");
    Files.move(mc.resolve("mc0"), mc.resolve("mc0a"));
    IOException e = assertThrows(IOException.class, () -> sensors(tree).edac());
    assertTrue(
        e.getMessage().contains("mc0a/csrow0: a row of a controller not named"), e.getMessage());
  }
}
