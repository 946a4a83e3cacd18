package io.hostwatch.alertwebhook.receiver;

import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook notification (payload version 4), already made tolerant: absent or empty
 * maps are empty, absent strings are "".
 *
 * @param truncatedAlerts how many alerts Alertmanager left out ({@code max_alerts}); when above 0,
 *     {@code commonLabels} only describes the alerts that were sent
 */
public record Notification(
    String version,
    String groupKey,
    int truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl,
    List<Alert> alerts) {

  public boolean resolved() {
    return "resolved".equals(status);
  }

  public long firingCount() {
    return alerts.stream().filter(a -> !a.resolved()).count();
  }

  public long resolvedCount() {
    return alerts.stream().filter(Alert::resolved).count();
  }
}
