package io.hostwatch.alertwebhook.spool;

import io.hostwatch.alertwebhook.receiver.Notification;

/** Turns one notification into an email and sends it; the worker's only view of mail. */
@FunctionalInterface
public interface Deliverer {
  /**
   * @param messageId a stable id for this notification, the same on every attempt, so that a resend
   *     after a crash carries the same Message-ID header
   */
  SendResult deliver(OutboxEntry entry, Notification notification, String messageId);
}
