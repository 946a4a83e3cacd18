package io.hostwatch.alertwebhook.config;

/**
 * How the SMTP connection is protected. {@code STARTTLS} is the default and is required: a server
 * that does not offer it gets no mail rather than credentials and alerts in clear text.
 */
public enum TlsMode {
  /** Plain connection upgraded with STARTTLS (port 587); fails if the server lacks it. */
  STARTTLS,
  /** Implicit TLS from the first byte (SMTPS, port 465). */
  TLS,
  /** No encryption (a local relay on port 25). */
  NONE
}
