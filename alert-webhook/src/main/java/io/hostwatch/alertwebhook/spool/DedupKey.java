package io.hostwatch.alertwebhook.spool;

import io.hostwatch.alertwebhook.receiver.Alert;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Identity of a notification for deduplication: receiver, groupKey, status, and each alert's
 * fingerprint with its startsAt and endsAt. Both members of an HA Alertmanager pair, and a resend
 * after a failed attempt, produce the same key; a new alert joining the group, or one resolving,
 * changes it. Alertmanager zeroes endsAt of firing alerts, so a firing alert's key is stable.
 */
public final class DedupKey {
  private DedupKey() {}

  public static String of(String receiverPath, Notification n) {
    List<String> alerts = new ArrayList<>();
    for (Alert a : n.alerts()) {
      String id = a.fingerprint().isEmpty() ? a.labels().toString() : a.fingerprint();
      alerts.add(id + "|" + a.status() + "|" + a.startsAt() + "|" + a.endsAt());
    }
    alerts.sort(null);
    StringBuilder sb = new StringBuilder();
    String receiver = receiverPath.isEmpty() ? n.receiver() : receiverPath;
    sb.append(receiver).append('\n').append(n.groupKey()).append('\n').append(n.status());
    for (String a : alerts) {
      sb.append('\n').append(a);
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
