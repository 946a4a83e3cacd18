package io.hostwatch.common.prom;

import io.hostwatch.common.config.Required;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where to query, with the subset of Prometheus' {@code http_config} that a query API needs.
 *
 * @param url base URL of any Prometheus-compatible query API (Thanos, Mimir, VictoriaMetrics)
 * @param timeout per request (default 30s)
 */
public record PrometheusConfig(
    @Required String url,
    BasicAuth basicAuth,
    String bearerToken,
    Path bearerTokenFile,
    TlsConfig tlsConfig,
    Duration timeout) {

  public PrometheusConfig {
    if (url != null && !url.matches("https?://.+")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not an http(s) URL (expected e.g. http://127.0.0.1:9090)");
    }
    if (bearerToken != null && bearerTokenFile != null) {
      throw new IllegalArgumentException("at most one of bearer_token and bearer_token_file");
    }
    if (basicAuth != null && (bearerToken != null || bearerTokenFile != null)) {
      throw new IllegalArgumentException("at most one of basic_auth and bearer_token(_file)");
    }
  }

  public Duration timeoutOrDefault() {
    return timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  /** {@code basic_auth}: a password or a file holding it. */
  public record BasicAuth(@Required String username, String password, Path passwordFile) {
    public BasicAuth {
      if (password != null && passwordFile != null) {
        throw new IllegalArgumentException("at most one of password and password_file");
      }
    }
  }

  /**
   * {@code tls_config}: a CA to trust, an optional client certificate (PEM, PKCS#8 key), the server
   * name to verify, or no verification at all.
   */
  public record TlsConfig(
      Path caFile, Path certFile, Path keyFile, String serverName, Boolean insecureSkipVerify) {
    public TlsConfig {
      if ((certFile == null) != (keyFile == null)) {
        throw new IllegalArgumentException("cert_file and key_file go together");
      }
    }
  }
}
