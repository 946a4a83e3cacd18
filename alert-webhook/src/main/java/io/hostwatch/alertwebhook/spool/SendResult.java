package io.hostwatch.alertwebhook.spool;

/**
 * What one delivery attempt came to. Like Alertmanager's {@code Notify} returning {@code (retry,
 * err)}: a failure says whether trying again can help.
 *
 * @param outage for a retryable failure, whether the server itself is unreachable (connection
 *     refused, timeout): then every notification waits, not just this one
 */
public record SendResult(Kind kind, String reason, boolean outage) {
  public enum Kind {
    SENT,
    RETRY,
    PERMANENT
  }

  public static SendResult sent() {
    return new SendResult(Kind.SENT, "", false);
  }

  public static SendResult retry(String reason, boolean outage) {
    return new SendResult(Kind.RETRY, reason, outage);
  }

  public static SendResult permanent(String reason) {
    return new SendResult(Kind.PERMANENT, reason, false);
  }
}
