package io.hostwatch.registry.policy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Which labels a registrant may set. {@code job} and {@code instance} say which target a series
 * comes from, and {@code __}-labels steer the scrape itself, so a registrant could otherwise make
 * its samples pass for another host's; they are refused unless the operator allows them. {@code
 * __address__} is refused always: the address is checked by {@link AddressPolicy}, and this label
 * would go around it. The labels' total size is capped so a registrant cannot fill the heap.
 */
public final class LabelPolicy {
  private final boolean allowReserved;
  private final int maxBytes;

  public LabelPolicy(boolean allowReserved, int maxBytes) {
    this.allowReserved = allowReserved;
    this.maxBytes = maxBytes;
  }

  /** What is wrong with some labels, with the HTTP status to answer. */
  public record Refusal(int status, String message) {}

  /** Null when the labels are allowed. */
  public Refusal check(Map<String, String> labels) {
    long bytes = 0;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String name = e.getKey();
      if (name.equals("__address__")) {
        return new Refusal(
            400, "labels.__address__: not settable (the address field says what to scrape)");
      }
      if (!allowReserved && reserved(name)) {
        return new Refusal(
            400,
            "labels."
                + name
                + ": reserved (job, instance and __* are set by Prometheus; the operator can allow"
                + " them with --registry.allow-reserved-labels)");
      }
      bytes += utf8Length(name) + utf8Length(e.getValue());
    }
    if (bytes > maxBytes) {
      return new Refusal(
          413,
          "labels: "
              + bytes
              + " bytes of names and values, more than "
              + maxBytes
              + " (--registry.max-label-bytes)");
    }
    return null;
  }

  static boolean reserved(String name) {
    return name.equals("job") || name.equals("instance") || name.startsWith("__");
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
