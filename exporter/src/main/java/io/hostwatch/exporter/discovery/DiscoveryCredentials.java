package io.hostwatch.exporter.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What the exporter shows the registry when it registers: basic auth ({@code
 * --discovery.basic-auth-user} and {@code --discovery.basic-auth-password-file}) or a bearer token
 * ({@code --discovery.bearer-token-file}), or nothing. The files are read at every registration, as
 * Prometheus reads its credential files, so a rotated secret needs no restart.
 *
 * @param basicAuthUser user name, or null
 * @param basicAuthPasswordFile file holding the password, or null
 * @param bearerTokenFile file holding the token, or null
 */
public record DiscoveryCredentials(
    String basicAuthUser, Path basicAuthPasswordFile, Path bearerTokenFile) {

  public static DiscoveryCredentials none() {
    return new DiscoveryCredentials(null, null, null);
  }

  /**
   * Checks the flags and that the files can be read now.
   *
   * @return null when fine, else what is wrong (a usage error)
   */
  public String problem() {
    if ((basicAuthUser == null) != (basicAuthPasswordFile == null)) {
      return "--discovery.basic-auth-user and --discovery.basic-auth-password-file go together";
    }
    if (basicAuthUser != null && bearerTokenFile != null) {
      return "--discovery.basic-auth-user and --discovery.bearer-token-file exclude each other";
    }
    if (basicAuthUser != null && basicAuthUser.contains(":")) {
      return "--discovery.basic-auth-user: a user name cannot contain ':'";
    }
    try {
      authorization();
    } catch (IOException e) {
      return e.getMessage();
    }
    return null;
  }

  /** The {@code Authorization} header's value, or null for none. */
  public String authorization() throws IOException {
    if (bearerTokenFile != null) {
      return "Bearer " + secret(bearerTokenFile);
    }
    if (basicAuthUser != null) {
      String pair = basicAuthUser + ":" + secret(basicAuthPasswordFile);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** The file's content without surrounding whitespace (the trailing newline editors add). */
  private static String secret(Path file) throws IOException {
    String s;
    try {
      s = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (s.isEmpty()) {
      throw new IOException(file + ": empty (expected the secret)");
    }
    return s;
  }
}
