package io.hostwatch.alertwebhook.receiver;

/** A webhook body we cannot accept; the message is short enough for Alertmanager's log. */
public final class BadPayloadException extends Exception {
  public BadPayloadException(String message) {
    super(message);
  }
}
