package io.hostwatch.registry.store;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One exporter as it registered itself.
 *
 * @param hostId the exporter's stable host id (machine-id), the registration's key
 * @param address what Prometheus scrapes, {@code host:port}
 * @param labels target labels, valid Prometheus label names
 * @param owner who registered it first ({@code user:NAME} or {@code token:HEX}); only they may
 *     change it. Null for an entry imported from a store that kept no owners: the next registrant
 *     claims it.
 * @param lastSeen when it last registered or renewed
 */
public record Registration(
    String hostId, String address, Map<String, String> labels, String owner, Instant lastSeen) {
  private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern ADDRESS =
      Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9._-]{1,253}):\\d{1,5}");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public Registration {
    labels = Map.copyOf(labels);
  }

  /** Whether {@code principal} may change this entry. */
  public boolean ownedBy(String principal) {
    return owner == null || owner.equals(principal);
  }

  /**
   * Checks the shape of what a client sent; what is allowed is the policies' job.
   *
   * @return null when valid, else what is wrong (for a 400 reply)
   */
  public static String validate(String hostId, String address, Map<String, String> labels) {
    if (hostId == null || !HOST_ID.matcher(hostId).matches()) {
      return "host_id: expected 1-128 characters of [A-Za-z0-9._:-], got " + quote(hostId);
    }
    if (address == null || !ADDRESS.matcher(address).matches()) {
      return "address: expected host:port, got " + quote(address);
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!LABEL.matcher(e.getKey()).matches()) {
        return "labels: invalid label name "
            + quote(e.getKey())
            + " (expected [a-zA-Z_][a-zA-Z0-9_]*)";
      }
      if (e.getValue() == null) {
        return "labels." + e.getKey() + ": expected a string";
      }
    }
    return null;
  }

  static String quote(String s) {
    if (s == null) {
      return "nothing";
    }
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
  }
}
