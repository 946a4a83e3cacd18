package io.hostwatch.alertwebhook.receiver;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager notification. {@code endsAt} is null while the alert fires
 * (Alertmanager sends {@code 0001-01-01T00:00:00Z} then).
 */
public record Alert(
    String status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl,
    String fingerprint) {

  public boolean resolved() {
    return "resolved".equals(status);
  }

  public String label(String name) {
    return labels.getOrDefault(name, "");
  }

  public String annotation(String name) {
    return annotations.getOrDefault(name, "");
  }
}
