package io.hostwatch.alertwebhook.spool;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A notification as it waits in the outbox: the receiver from the URL path, when it came in, and
 * the body exactly as Alertmanager sent it.
 */
public record OutboxEntry(Path file, String receiverPath, Instant receivedAt, byte[] body) {
  public String id() {
    String name = file.getFileName().toString();
    return name.endsWith(Outbox.SUFFIX)
        ? name.substring(0, name.length() - Outbox.SUFFIX.length())
        : name;
  }
}
