package io.hostwatch.exporter.host;

import java.util.Map;

/**
 * Whether SELinux is on, and its enforcement modes as node_exporter numbers them: 1 enforcing, 0
 * permissive, -1 disabled.
 */
public record SelinuxStatus(boolean enabled, int configMode, int currentMode) {
  public static final SelinuxStatus DISABLED = new SelinuxStatus(false, -1, -1);

  /**
   * The mount point of the {@code selinuxfs} in a {@code /proc/self/mountinfo} text, or null: the
   * file system type follows the {@code " - "} separator, the mount point is the fifth field.
   */
  public static String selinuxfsMount(String mountinfo) {
    for (String line : mountinfo.split("\n")) {
      int dash = line.indexOf(" - ");
      if (dash < 0 || !line.startsWith("selinuxfs ", dash + 3)) {
        continue;
      }
      String[] f = line.substring(0, dash).split(" ");
      if (f.length < 5) {
        throw new IllegalArgumentException(
            "mountinfo: selinuxfs line has "
                + f.length
                + " fields before \" - \", expected 5 or more");
      }
      return f[4];
    }
    return null;
  }

  /** {@code SELINUX=} of {@code /etc/selinux/config}: enforcing 1, permissive 0, else -1. */
  public static int configMode(Map<String, String> config) {
    return mode(config.getOrDefault("SELINUX", ""));
  }

  /** The {@code enforce} file of the selinuxfs: "1" or "0". */
  public static int enforce(String text) {
    String s = text.strip();
    return switch (s) {
      case "1" -> 1;
      case "0" -> 0;
      default ->
          throw new IllegalArgumentException("selinuxfs enforce: \"" + s + "\", expected 1 or 0");
    };
  }

  private static int mode(String name) {
    return switch (name.strip()) {
      case "enforcing" -> 1;
      case "permissive" -> 0;
      default -> -1;
    };
  }
}
