package io.hostwatch.exporter.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reads behind {@link LinuxHost}'s hardware sensors in {@code /sys} (hwmon chips), kept apart
 * from the kernel tables: their directories are walked rather than read as one file.
 */
final class LinuxSensors {
  private final HostPaths paths;

  LinuxSensors(HostPaths paths) {
    this.paths = paths;
  }

  /**
   * Every chip of {@code /sys/class/hwmon}. A chip that cannot be read, or an entry linking to
   * nothing, fails the whole read once the others are read, as node_exporter fails its collector.
   */
  List<HwmonChip> hwmon() throws IOException {
    List<HwmonChip> chips = new ArrayList<>();
    IOException failure = null;
    for (Path entry : sortedEntries(paths.sys("class/hwmon"))) {
      if (!Files.isDirectory(entry)) {
        if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
          failure = new IOException(entry + ": links to nothing (expected a hwmon chip directory)");
        }
        continue;
      }
      try {
        chips.add(hwmonChip(entry));
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return chips;
  }

  private static HwmonChip hwmonChip(Path dir) throws IOException {
    Path device = dir.resolve("device");
    String deviceName = null;
    String deviceParent = null;
    try {
      Path real = device.toRealPath();
      deviceName = real.getFileName() == null ? "" : real.getFileName().toString();
      Path parent = real.getParent();
      deviceParent =
          parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    } catch (IOException e) {
      // No device link: the chip is named by its name file or its directory.
    }
    String nameFile = null;
    try {
      nameFile = LinuxHost.read(dir.resolve("name"));
    } catch (IOException e) {
      // Drivers of virtual chips may give no name.
    }
    Path realDir = dir.toRealPath().getFileName();
    String chip =
        HwmonChip.chipLabel(
            deviceParent, deviceName, nameFile, realDir == null ? null : realDir.toString());
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

  private static void readSensors(
      Path dir, Map<String, Map<String, String>> out, Map<String, String> types)
      throws IOException {
    for (Path file : sortedEntries(dir)) {
      HwmonChip.SensorFile f = HwmonChip.sensorFile(file.getFileName().toString());
      if (f == null) {
        continue;
      }
      byte[] raw;
      try (InputStream in = Files.newInputStream(file)) {
        raw = in.readNBytes(HwmonChip.MAX_VALUE_BYTES);
      } catch (IOException e) {
        // A sensor the driver cannot read now (EIO, ENODATA), or a directory such as power/:
        // node_exporter leaves it out and goes on.
        continue;
      }
      out.computeIfAbsent(f.sensor(), s -> new TreeMap<>()).put(f.property(), HwmonChip.text(raw));
      types.put(f.sensor(), f.type());
    }
  }

  /** The directory's entries in name order, as Go's {@code os.ReadDir} gives them. */
  private static List<Path> sortedEntries(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    entries.sort(null);
    return entries;
  }
}
