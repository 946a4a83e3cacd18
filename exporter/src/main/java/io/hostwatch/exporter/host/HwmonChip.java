package io.hostwatch.exporter.host;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hardware monitoring chip of {@code /sys/class/hwmon/hwmon<N>}: its stable name ({@code
 * chip}), the name its driver gives it ({@code chipName}, empty without a {@code name} file), and
 * its sensors as read, each a map of property to raw text ({@code temp1_input} is sensor {@code
 * temp1}, property {@code input}; {@code pwm1} has property {@code ""}).
 */
public record HwmonChip(String chip, String chipName, List<Sensor> sensors) {

  /** A sensor's files, by property; {@code type} is its name without the number. */
  public record Sensor(String name, String type, Map<String, String> properties) {}

  /** A sensor file's parts; {@code sensor} is the type and number, the number without zeros. */
  public record SensorFile(String type, String sensor, String property) {}

  /** The sensor types node_exporter 1.5 reads; other files of the chip are not sensors. */
  public static final List<String> SENSOR_TYPES =
      List.of(
          "vrm",
          "beep_enable",
          "update_interval",
          "in",
          "cpu",
          "fan",
          "pwm",
          "temp",
          "curr",
          "power",
          "energy",
          "humidity",
          "intrusion");

  /** node_exporter reads at most this many bytes of a sensor file. */
  public static final int MAX_VALUE_BYTES = 128;

  private static final Pattern FILE_NAME = Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
  private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^a-z0-9:_]");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern HEX =
      Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity)|nan");
  private static final Pattern UNDERSCORE_BETWEEN_DIGITS = Pattern.compile("(?<=[0-9])_(?=[0-9])");

  /**
   * The parts of a file name such as {@code temp1_crit_alarm}, or null when it is no sensor file
   * (not {@code <type><number>_<property>}, or a type outside {@link #SENSOR_TYPES}).
   */
  public static SensorFile sensorFile(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches() || !SENSOR_TYPES.contains(m.group(1))) {
      return null;
    }
    long number = 0;
    String digits = m.group(2);
    if (digits != null && !digits.isEmpty()) {
      try {
        number = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    String property = m.group(4) == null ? "" : m.group(4);
    return new SensorFile(m.group(1), m.group(1) + number, property);
  }

  /**
   * A name made fit for a label value: lower case, characters other than {@code [a-z0-9:_]} as
   * {@code _}, no leading or trailing {@code _}.
   */
  public static String cleanName(String name) {
    String replaced = INVALID_NAME_CHARS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    int from = 0;
    int to = replaced.length();
    while (from < to && replaced.charAt(from) == '_') {
      from++;
    }
    while (to > from && replaced.charAt(to - 1) == '_') {
      to--;
    }
    return replaced.substring(from, to);
  }

  /**
   * The chip label, stable across reboots where the driver load order is not: from the device's
   * real path ({@code .../platform/coretemp.0} gives {@code platform_coretemp_0}), else from the
   * {@code name} file, else the chip directory's own name ({@code hwmon3}). {@code deviceParent}
   * and {@code device} are null without a {@code device} link, {@code nameFile} without a file.
   */
  public static String chipLabel(
      String deviceParent, String device, String nameFile, String directory) {
    if (device != null) {
      String name = cleanName(device);
      String type = deviceParent == null ? "" : cleanName(deviceParent);
      if (!type.isEmpty() && !name.isEmpty()) {
        return type + "_" + name;
      }
      if (!name.isEmpty()) {
        return name;
      }
    }
    if (nameFile != null && !cleanName(nameFile).isEmpty()) {
      return cleanName(nameFile);
    }
    String name = directory == null ? "" : cleanName(directory);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "no name for the hwmon chip " + directory + " (expected a device link or a name file)");
    }
    return name;
  }

  /**
   * A sensor file's bytes as node_exporter keeps them: newlines cut from both ends, bytes that are
   * not UTF-8 replaced, one replacement character per run of them.
   */
  public static String text(byte[] raw) {
    int from = 0;
    int to = raw.length;
    while (from < to && raw[from] == '\n') {
      from++;
    }
    while (to > from && raw[to - 1] == '\n') {
      to--;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw, from, to - from);
    CharBuffer out = CharBuffer.allocate(to - from);
    StringBuilder text = new StringBuilder(to - from);
    boolean replaced = false;
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      out.flip();
      if (out.hasRemaining()) {
        replaced = false;
      }
      text.append(out);
      out.clear();
      if (r.isUnderflow()) {
        return text.toString();
      }
      in.position(in.position() + r.length());
      if (!replaced) {
        text.append('\uFFFD');
        replaced = true;
      }
    }
  }

  /**
   * A value as Go's {@code strconv.ParseFloat} reads it, or empty where it refuses it (spaces,
   * words, numbers beyond the double range): decimal or hexadecimal with an exponent, {@code Inf},
   * {@code NaN}, and {@code _} between decimal digits.
   */
  public static OptionalDouble number(String text) {
    String s = text;
    if (s.indexOf('_') >= 0) {
      String stripped = UNDERSCORE_BETWEEN_DIGITS.matcher(s).replaceAll("");
      if (stripped.indexOf('_') >= 0) {
        return OptionalDouble.empty();
      }
      s = stripped;
    }
    if (DECIMAL.matcher(s).matches() || HEX.matcher(s).matches()) {
      double v = Double.parseDouble(s);
      return Double.isInfinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (SPECIAL.matcher(lower).matches()) {
      if (lower.endsWith("nan")) {
        return OptionalDouble.of(Double.NaN);
      }
      return OptionalDouble.of(
          lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    return OptionalDouble.empty();
  }
}
