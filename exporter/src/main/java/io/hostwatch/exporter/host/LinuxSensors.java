package io.hostwatch.exporter.host;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reads behind {@link LinuxHost}'s hardware sensors in {@code /sys} (hwmon chips, thermal zones
 * and cooling devices, EDAC memory controllers), kept apart from the kernel tables: their
 * directories are walked rather than read as one file.
 */
final class LinuxSensors {
  private final HostPaths paths;

  LinuxSensors(HostPaths paths) {
    this.paths = paths;
  }

  /**
   * Every chip of {@code /sys/class/hwmon}. A chip that cannot be read, or an entry linking to
   * nothing, fails the read, as it fails node_exporter's collector; entries that are plain files
   * are no chips.
   */
  List<HwmonChip> hwmon() throws IOException {
    List<HwmonChip> chips = new ArrayList<>();
    for (Path entry : ProcFiles.sortedEntries(paths.sys("class/hwmon"))) {
      if (Files.isDirectory(entry)) {
        chips.add(hwmonChip(entry));
      } else if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
        throw new IOException(entry + ": links to nothing (expected a hwmon chip directory)");
      }
    }
    return chips;
  }

  private static HwmonChip hwmonChip(Path dir) throws IOException {
    Path device = dir.resolve("device");
    String nameFile = null;
    try {
      nameFile = LinuxHost.read(dir.resolve("name"));
    } catch (IOException e) {
      // Drivers of virtual chips may give no name.
    }
    String chip = chipLabel(dir, device, nameFile);
    String chipName = nameFile == null ? "" : HwmonChip.cleanName(nameFile);
    Map<String, Map<String, String>> byName = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    readSensors(dir, byName, types);
    // Older drivers keep their sensor files on the device rather than on the hwmon directory.
    if (Files.exists(device)) {
      readSensors(device, byName, types);
    }
    List<HwmonChip.Sensor> sensors = new ArrayList<>(byName.size());
    byName.forEach(
        (name, props) -> sensors.add(new HwmonChip.Sensor(name, types.get(name), props)));
    return new HwmonChip(chip, chipName, sensors);
  }

  /** The chip's label from the real path of its device, else its name, else its directory. */
  private static String chipLabel(Path dir, Path device, String nameFile) throws IOException {
    String deviceName = null;
    String deviceParent = null;
    try {
      Path real = device.toRealPath();
      deviceName = fileName(real);
      deviceParent = real.getParent() == null ? "" : fileName(real.getParent());
    } catch (IOException e) {
      // No device link: the chip is named by its name file or its directory.
    }
    return HwmonChip.chipLabel(deviceParent, deviceName, nameFile, fileName(dir.toRealPath()));
  }

  private static String fileName(Path p) {
    return p.getFileName() == null ? "" : p.getFileName().toString();
  }

  private static void readSensors(
      Path dir, Map<String, Map<String, String>> out, Map<String, String> types)
      throws IOException {
    for (Path file : ProcFiles.sortedEntries(dir)) {
      HwmonChip.SensorFile f = HwmonChip.sensorFile(file.getFileName().toString());
      if (f == null) {
        continue;
      }
      byte[] raw;
      try {
        raw = ProcFiles.readBytes(file, HwmonChip.MAX_VALUE_BYTES);
      } catch (IOException e) {
        // A sensor the driver cannot read now (EIO, ENODATA), or a directory such as power/:
        // node_exporter leaves it out and goes on.
        continue;
      }
      out.computeIfAbsent(f.sensor(), s -> new TreeMap<>()).put(f.property(), HwmonChip.text(raw));
      types.put(f.sensor(), f.type());
    }
  }

  /**
   * Thermal zones, then cooling devices. A zone or device missing a file, or with one that is no
   * number, fails the read: node_exporter 1.5 fails its collector so. Without {@code
   * /sys/class/thermal} there are none.
   */
  ThermalStats thermal() throws IOException {
    List<ThermalStats.Zone> zones = new ArrayList<>();
    for (Path zone : numbered(paths.sys("class/thermal"), "thermal_zone")) {
      String type = sysfsText(zone.resolve("type"));
      // The mode is not exposed, but a mode file that cannot be read fails the zone.
      optionalSysfsText(zone.resolve("mode"));
      sysfsText(zone.resolve("policy"));
      String temp = sysfsText(zone.resolve("temp"));
      String passive = optionalSysfsText(zone.resolve("passive"));
      zones.add(
          ThermalStats.parseZone(
              zone.toString(), number(zone, "thermal_zone"), type, temp, passive));
    }
    List<ThermalStats.CoolingDevice> devices = new ArrayList<>();
    for (Path device : numbered(paths.sys("class/thermal"), "cooling_device")) {
      devices.add(
          ThermalStats.parseCoolingDevice(
              device.toString(),
              number(device, "cooling_device"),
              sysfsText(device.resolve("type")),
              sysfsText(device.resolve("cur_state")),
              sysfsText(device.resolve("max_state"))));
    }
    return new ThermalStats(zones, devices);
  }

  /**
   * Memory controllers with their error counts; none without {@code /sys/devices/system/edac/mc}. A
   * controller or row missing a count, or with one that is no number, fails the read, as it fails
   * node_exporter's collector.
   */
  List<EdacController> edac() throws IOException {
    List<EdacController> out = new ArrayList<>();
    for (Path mc : numbered(paths.sys("devices/system/edac/mc"), "mc")) {
      String name = mc.getFileName().toString();
      String controller = EdacController.number(name, "mc");
      double ce = edacCount(mc, "ce_count");
      double ceNoInfo = edacCount(mc, "ce_noinfo_count");
      double ue = edacCount(mc, "ue_count");
      double ueNoInfo = edacCount(mc, "ue_noinfo_count");
      List<EdacController.Csrow> rows = new ArrayList<>();
      for (Path row : numbered(mc, "csrow")) {
        if (!name.equals("mc" + controller)) {
          // node_exporter finds the row's numbers by a pattern that wants mc<digits>/csrow.
          throw new IOException(row + ": a row of a controller not named mc<number>");
        }
        rows.add(
            new EdacController.Csrow(
                EdacController.number(row.getFileName().toString(), "csrow"),
                edacCount(row, "ce_count"),
                edacCount(row, "ue_count")));
      }
      out.add(new EdacController(controller, ce, ceNoInfo, ue, ueNoInfo, rows));
    }
    return out;
  }

  private static double edacCount(Path dir, String file) throws IOException {
    Path p = dir.resolve(file);
    return EdacController.count(p.toString(), LinuxHost.read(p));
  }

  /**
   * The entries of {@code dir} named {@code prefix} and a digit, then anything ({@code
   * thermal_zone[0-9]*}), in name order; none where {@code dir} cannot be listed, as a glob finds
   * none there.
   */
  private static List<Path> numbered(Path dir, String prefix) {
    List<Path> out = new ArrayList<>();
    try {
      for (Path p : ProcFiles.sortedEntries(dir)) {
        String name = p.getFileName().toString();
        char next = name.length() > prefix.length() ? name.charAt(prefix.length()) : ' ';
        if (name.startsWith(prefix) && next >= '0' && next <= '9') {
          out.add(p);
        }
      }
    } catch (IOException e) {
      // No such directory on this machine.
    }
    return out;
  }

  private static String number(Path p, String prefix) {
    return p.getFileName().toString().substring(prefix.length());
  }

  /** A sysfs attribute as procfs reads it: one read of at most 128 bytes, spaces cut. */
  private static String sysfsText(Path file) throws IOException {
    return ProcFiles.read(file, 128).strip();
  }

  /** An optional attribute: null when it is absent or not readable to us. */
  private static String optionalSysfsText(Path file) throws IOException {
    try {
      return sysfsText(file);
    } catch (NoSuchFileException | AccessDeniedException e) {
      return null;
    }
  }
}
