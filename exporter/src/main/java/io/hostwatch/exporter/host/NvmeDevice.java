package io.hostwatch.exporter.host;

import java.util.List;
import java.util.Map;

/**
 * An NVMe controller of {@code /sys/class/nvme/<device>/}: the attributes node_exporter 1.5 puts in
 * {@code node_nvme_info}'s labels, without the space padding the kernel gives model and serial.
 */
public record NvmeDevice(
    String device, String firmwareRevision, String model, String serial, String state) {

  /** The attribute files read, each required. */
  public static final List<String> FILES = List.of("firmware_rev", "model", "serial", "state");

  /**
   * node_exporter reads an attribute with one read of 128 bytes: a longer value is cut there, and
   * so the same labels come out here.
   */
  public static final int MAX_ATTRIBUTE_BYTES = 128;

  /** {@code files}: attribute file name to content, one for each of {@link #FILES}. */
  public static NvmeDevice parse(String device, Map<String, String> files) {
    return new NvmeDevice(
        device,
        attribute(device, files, "firmware_rev"),
        attribute(device, files, "model"),
        attribute(device, files, "serial"),
        attribute(device, files, "state"));
  }

  private static String attribute(String device, Map<String, String> files, String name) {
    String text = files.get(name);
    if (text == null) {
      throw new IllegalArgumentException(
          "/sys/class/nvme/" + device + "/" + name + ": missing (expected one of " + FILES + ")");
    }
    return text.strip();
  }
}
