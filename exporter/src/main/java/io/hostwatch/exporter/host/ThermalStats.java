package io.hostwatch.exporter.host;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Thermal zones and cooling devices of {@code /sys/class/thermal}: {@code thermal_zone<N>/} with
 * its {@code type} and {@code temp} (millidegrees Celsius), {@code cooling_device<N>/} with its
 * {@code type}, {@code cur_state} and {@code max_state}. Names are the directory's number as
 * written ({@code thermal_zone02} is zone {@code 02}).
 */
public record ThermalStats(List<Zone> zones, List<CoolingDevice> coolingDevices) {

  /** One thermal zone; {@code milliCelsius} as the kernel gives it. */
  public record Zone(String zone, String type, long milliCelsius) {}

  /** One cooling device; a state may be -1 where the driver has none (intel_powerclamp). */
  public record CoolingDevice(String name, String type, long curState, long maxState) {}

  private static final Pattern SIGNED = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern UNSIGNED = Pattern.compile("[0-9]+");

  /**
   * A zone from its files' texts, surrounding spaces already cut; {@code passive} is null without
   * that optional file, and is checked only, as node_exporter refuses a zone with a bad one.
   */
  public static Zone parseZone(String dir, String name, String type, String temp, String passive) {
    long milliCelsius = signed(dir, "temp", temp, "millidegrees Celsius");
    if (passive != null && !unsigned(passive)) {
      throw bad(dir, "passive", passive, "an unsigned integer (millidegrees Celsius)");
    }
    return new Zone(name, type, milliCelsius);
  }

  /** A cooling device from its files' texts, surrounding spaces already cut. */
  public static CoolingDevice parseCoolingDevice(
      String dir, String name, String type, String curState, String maxState) {
    return new CoolingDevice(
        name,
        type,
        signed(dir, "cur_state", curState, "cooling state"),
        signed(dir, "max_state", maxState, "cooling state"));
  }

  private static boolean unsigned(String text) {
    if (!UNSIGNED.matcher(text).matches()) {
      return false;
    }
    try {
      Long.parseUnsignedLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false; // beyond 64 bits
    }
  }

  private static long signed(String dir, String file, String text, String what) {
    if (SIGNED.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // out of range: refused below
      }
    }
    throw bad(dir, file, text, "an integer (" + what + ")");
  }

  private static IllegalArgumentException bad(String dir, String file, String text, String what) {
    return new IllegalArgumentException(
        dir + "/" + file + ": expected " + what + ", got \"" + text + "\"");
  }
}
