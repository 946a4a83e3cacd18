package io.hostwatch.common.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.IllegalBCryptFormatException;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.YamlConfigLoader;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads and fully checks a web config file at start-up: unknown keys, certificates and keys that
 * cannot be read or parsed, bad bcrypt hashes, headers exporter-toolkit does not allow. Every
 * problem is reported at once as {@code file:line:col: key: problem (expected ...)}.
 *
 * <pre>{@code
 * WebConfig config = WebConfigLoader.load(Path.of("web-config.yml")); // throws ConfigException
 * }</pre>
 */
public final class WebConfigLoader {
  /** exporter-toolkit's {@code extraHTTPHeaders}: the headers a file may set, and their values. */
  static final Map<String, List<String>> ALLOWED_HEADERS = new LinkedHashMap<>();

  static {
    ALLOWED_HEADERS.put("Strict-Transport-Security", List.of());
    ALLOWED_HEADERS.put("X-Content-Type-Options", List.of("nosniff"));
    ALLOWED_HEADERS.put("X-Frame-Options", List.of("deny", "sameorigin"));
    ALLOWED_HEADERS.put("X-XSS-Protection", List.of());
    ALLOWED_HEADERS.put("Content-Security-Policy", List.of());
  }

  private static final Pattern BCRYPT_PREFIX = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$.*");

  private WebConfigLoader() {}

  /** Reads {@code file}; relative paths inside resolve against its folder. */
  public static WebConfig load(Path file) throws ConfigException {
    return check(YamlConfigLoader.load(file, WebConfig.class));
  }

  /** Parses YAML text; {@code fileName} is only used in messages. */
  public static WebConfig parse(String text, String fileName, Path baseDir) throws ConfigException {
    return check(YamlConfigLoader.parse(text, fileName, baseDir, WebConfig.class));
  }

  private static WebConfig check(Loaded<WebConfig> loaded) throws ConfigException {
    WebConfig c = loaded.value();
    List<ConfigError> errors = new ArrayList<>();
    checkHeaders(loaded, errors);
    checkUsers(loaded, errors);
    checkRateLimit(loaded, errors);
    checkTokens(loaded, errors);
    if (c.tlsEnabled()) {
      try {
        TlsContexts.create(c.tlsServerConfig());
      } catch (TlsConfigException e) {
        String path = e.key().isEmpty() ? "tls_server_config" : "tls_server_config." + e.key();
        errors.add(loaded.errorAt(path, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return c;
  }

  private static void checkHeaders(Loaded<WebConfig> loaded, List<ConfigError> errors) {
    for (Map.Entry<String, String> h : loaded.value().headers().entrySet()) {
      String path = "http_server_config.headers." + h.getKey();
      List<String> values = ALLOWED_HEADERS.get(h.getKey());
      String value = h.getValue() == null ? "" : h.getValue();
      if (values == null) {
        errors.add(
            loaded.errorAt(
                path,
                "HTTP header \""
                    + h.getKey()
                    + "\" can not be configured (expected one of: "
                    + String.join(", ", ALLOWED_HEADERS.keySet())
                    + ")"));
      } else if (!values.isEmpty() && !value.isEmpty() && !values.contains(value)) {
        errors.add(
            loaded.errorAt(
                path,
                "invalid value \""
                    + value
                    + "\" (expected one of: "
                    + String.join(", ", values)
                    + ")"));
      } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        errors.add(loaded.errorAt(path, "header value must not contain CR or LF"));
      }
    }
  }

  private static void checkUsers(Loaded<WebConfig> loaded, List<ConfigError> errors) {
    Map<String, String> users = loaded.value().basicAuthUsers();
    if (users == null) {
      return;
    }
    for (Map.Entry<String, String> u : users.entrySet()) {
      String path = "basic_auth_users." + u.getKey();
      if (u.getKey().indexOf(':') >= 0) {
        errors.add(
            loaded.errorAt(path, "user name must not contain ':' (basic auth splits on it)"));
      } else if (!isBcrypt(u.getValue())) {
        errors.add(
            loaded.errorAt(
                path,
                "not a bcrypt hash (expected $2a$, $2b$ or $2y$, a two-digit cost and 53"
                    + " characters, as written by: htpasswd -nBC 10 \"\" | tr -d ':\\n')"));
      }
    }
  }

  /** Whether {@code hash} is a well-formed bcrypt hash of a version exporter-toolkit accepts. */
  static boolean isBcrypt(String hash) {
    if (hash == null || !BCRYPT_PREFIX.matcher(hash).matches()) {
      return false;
    }
    try {
      BCrypt.Version.VERSION_2A.parser.parse(hash.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IllegalBCryptFormatException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void checkRateLimit(Loaded<WebConfig> loaded, List<ConfigError> errors) {
    WebConfig.RateLimit r = loaded.value().rateLimit();
    if (r == null || r.interval() == null || r.interval().isZero()) {
      return;
    }
    if (r.burst() == null || r.burst() < 1) {
      errors.add(
          loaded.errorAt(
              "rate_limit.burst",
              "must be at least 1 when interval is set (a burst of 0 would refuse every"
                  + " request)"));
    }
  }

  private static void checkTokens(Loaded<WebConfig> loaded, List<ConfigError> errors) {
    List<String> tokens = loaded.value().bearerTokens();
    if (tokens != null) {
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i) == null || tokens.get(i).isBlank()) {
          errors.add(loaded.errorAt("bearer_tokens[" + i + "]", "empty token"));
        }
      }
    }
    Path file = loaded.value().bearerTokenFile();
    if (file != null) {
      try {
        readTokenFile(file);
      } catch (IOException e) {
        errors.add(loaded.errorAt("bearer_token_file", e.getMessage()));
      }
    }
  }

  /**
   * The tokens in a {@code bearer_token_file}: one per non-blank line, surrounding whitespace
   * trimmed, so Alertmanager's single-token {@code credentials_file} can be shared as is.
   *
   * @throws IOException with a message fit for the user
   */
  static List<String> readTokenFile(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> tokens = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (tokens.isEmpty()) {
      throw new IOException(file + ": no token in file (expected one token per line)");
    }
    return tokens;
  }
}
