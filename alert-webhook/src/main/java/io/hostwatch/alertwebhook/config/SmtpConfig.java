package io.hostwatch.alertwebhook.config;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code smtp:} section; each absent key falls back to its environment variable. */
public record SmtpConfig(
    String host,
    Integer port,
    TlsMode tls,
    String username,
    String password,
    Path passwordFile,
    String from,
    Duration timeout,
    Path caFile) {

  public SmtpConfig {
    if (password != null && passwordFile != null) {
      throw new IllegalArgumentException(
          "password and password_file are both set (expected at most one)");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port " + port + " out of range (expected 1-65535)");
    }
  }
}
