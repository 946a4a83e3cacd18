package io.hostwatch.alertwebhook.spool;

import java.time.Instant;

/**
 * A notification as it waits in the outbox: its id (which sorts by arrival), the receiver from the
 * URL path, when it came in, and the body exactly as Alertmanager sent it.
 */
public record OutboxEntry(String id, String receiverPath, Instant receivedAt, byte[] body) {}
