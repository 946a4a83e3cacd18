package io.hostwatch.exporter.host;

import java.util.List;

/**
 * A bonding master of {@code /sys/class/net/bonding_masters}: how many slaves it has ({@code
 * <master>/bonding/slaves}) and how many of them the MII monitor sees up ({@code
 * <master>/lower_<slave>/bonding_slave/mii_status}).
 */
public record Bond(String master, int slaves, int active) {

  /** The names of a whitespace-separated list ({@code bonding_masters}, {@code bonding/slaves}). */
  public static List<String> names(String text) {
    return List.of(ProcParsers.fields(text));
  }

  /** A master from its slaves' {@code mii_status} texts, one per slave. */
  public static Bond of(String master, List<String> miiStatuses) {
    int up = 0;
    for (String s : miiStatuses) {
      if (s.strip().equals("up")) {
        up++;
      }
    }
    return new Bond(master, miiStatuses.size(), up);
  }
}
