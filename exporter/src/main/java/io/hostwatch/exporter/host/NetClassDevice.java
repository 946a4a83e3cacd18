package io.hostwatch.exporter.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network device's attributes from {@code /sys/class/net/<device>/}: the text ones node_exporter
 * puts in {@code node_network_info}'s labels and the numeric ones it exposes one metric each, keyed
 * by file name ({@code mtu}, {@code carrier_changes}...). An attribute the kernel does not give for
 * this device (a down device's {@code speed}) is absent from {@code numbers} and an empty string
 * among the texts.
 */
public record NetClassDevice(
    String device,
    String address,
    String broadcast,
    String duplex,
    String operState,
    String ifAlias,
    Map<String, Long> numbers) {

  /** The text attributes, read for the info metric's labels. */
  public static final List<String> TEXT_FILES =
      List.of("address", "broadcast", "duplex", "operstate", "ifalias");

  /** The numeric attributes node_exporter 1.5 exposes, in its order. */
  public static final List<String> NUMBER_FILES =
      List.of(
          "addr_assign_type",
          "carrier",
          "carrier_changes",
          "carrier_up_count",
          "carrier_down_count",
          "dev_id",
          "dormant",
          "flags",
          "ifindex",
          "iflink",
          "link_mode",
          "mtu",
          "name_assign_type",
          "netdev_group",
          "speed",
          "tx_queue_len",
          "type");

  /**
   * {@code files}: file name to content, for the files that could be read. Numbers are decimal, or
   * hexadecimal with {@code 0x} ({@code flags}, {@code dev_id}).
   */
  public static NetClassDevice parse(String device, Map<String, String> files) {
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (String name : NUMBER_FILES) {
      String text = files.get(name);
      if (text == null) {
        continue;
      }
      String v = text.strip();
      try {
        numbers.put(
            name, v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "/sys/class/net/" + device + "/" + name + ": not a number: " + v, e);
      }
    }
    return new NetClassDevice(
        device,
        text(files, "address"),
        text(files, "broadcast"),
        text(files, "duplex"),
        text(files, "operstate"),
        text(files, "ifalias"),
        numbers);
  }

  private static String text(Map<String, String> files, String name) {
    String v = files.get(name);
    return v == null ? "" : v.strip();
  }
}
