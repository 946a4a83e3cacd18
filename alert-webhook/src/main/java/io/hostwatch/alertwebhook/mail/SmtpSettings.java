package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.config.SmtpConfig;
import io.hostwatch.alertwebhook.config.TlsMode;
import io.hostwatch.common.config.Durations;
import io.hostwatch.common.web.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SMTP server to use, from the config file's {@code smtp:} section with environment variables
 * as defaults ({@code SMTP_SERVER}, {@code SMTP_PORT}, {@code EMAIL_USER}, {@code EMAIL_PASSWORD},
 * {@code SMTP_TLS}, {@code EMAIL_FROM}, {@code SMTP_CA_FILE}), the names small setups already keep
 * in a {@code .env}. {@code caFile}, when set, holds the only CAs trusted for the server's
 * certificate (else the JVM's trust store).
 */
public record SmtpSettings(
    String host,
    int port,
    TlsMode tls,
    String username,
    String password,
    String from,
    Duration timeout,
    Path caFile) {

  /**
   * The settings, or empty when no server is named anywhere (then mail goes to .eml files).
   *
   * @throws IllegalArgumentException naming the key or variable that is wrong
   */
  public static Optional<SmtpSettings> resolve(SmtpConfig config, Map<String, String> env) {
    SmtpConfig c =
        config == null
            ? new SmtpConfig(null, null, null, null, null, null, null, null, null)
            : config;
    String host = firstNonBlank(c.host(), env.get("SMTP_SERVER"));
    if (host == null) {
      return Optional.empty();
    }
    TlsMode tls = c.tls() != null ? c.tls() : tlsFromEnv(env.get("SMTP_TLS"));
    int port = c.port() != null ? c.port() : portFromEnv(env.get("SMTP_PORT"), tls);
    String user = firstNonBlank(c.username(), env.get("EMAIL_USER"));
    String password = firstNonBlank(c.password(), env.get("EMAIL_PASSWORD"));
    if (c.passwordFile() != null) {
      try {
        password = Files.readString(c.passwordFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "smtp.password_file: cannot read " + c.passwordFile() + " (" + e + ")");
      }
    }
    String from = firstNonBlank(c.from(), env.get("EMAIL_FROM"), user, "alert-webhook@localhost");
    Duration timeout = c.timeout() != null ? c.timeout() : Duration.ofSeconds(10);
    Path caFile = c.caFile();
    if (caFile == null && env.get("SMTP_CA_FILE") != null && !env.get("SMTP_CA_FILE").isBlank()) {
      caFile = Path.of(env.get("SMTP_CA_FILE").trim());
    }
    if (caFile != null) {
      if (tls == TlsMode.NONE) {
        throw new IllegalArgumentException(
            "smtp.ca_file is set but tls is none (expected starttls or tls, or no ca_file)");
      }
      try {
        PemFiles.certificates(caFile); // fail at start-up, not at the first alert
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("smtp.ca_file: " + e.getMessage());
      }
    }
    return Optional.of(new SmtpSettings(host, port, tls, user, password, from, timeout, caFile));
  }

  private static TlsMode tlsFromEnv(String value) {
    if (value == null || value.isBlank()) {
      return TlsMode.STARTTLS;
    }
    try {
      return TlsMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "environment variable SMTP_TLS=\"" + value + "\" (expected starttls, tls or none)");
    }
  }

  private static int portFromEnv(String value, TlsMode tls) {
    if (value == null || value.isBlank()) {
      return switch (tls) {
        case STARTTLS -> 587;
        case TLS -> 465;
        case NONE -> 25;
      };
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "environment variable SMTP_PORT=\"" + value + "\" (expected a port 1-65535)");
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /** For logs: never the password. */
  @Override
  public String toString() {
    return tls.name().toLowerCase(Locale.ROOT)
        + "://"
        + (username == null ? "" : username + "@")
        + host
        + ":"
        + port
        + " timeout="
        + Durations.format(timeout)
        + (caFile == null ? "" : " ca_file=" + caFile);
  }
}
