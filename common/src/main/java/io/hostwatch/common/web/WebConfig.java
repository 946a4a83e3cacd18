package io.hostwatch.common.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The file {@code --web.config.file} names, in exporter-toolkit's format unchanged
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), so a file
 * written for node_exporter or Prometheus works here as is. Load it with {@link
 * WebConfigLoader#load}, which checks every key, reads the certificates and the bcrypt hashes, and
 * reports all problems with file:line:col.
 *
 * <p>Two keys are a Hostwatch extension that exporter-toolkit does not know: {@code bearer_tokens}
 * and {@code bearer_token_file}, so that Alertmanager's {@code http_config} ({@code authorization:
 * {type: Bearer, ...}} or {@code bearer_token}) can authenticate to the alert-webhook. A file using
 * them is not accepted by exporter-toolkit programs.
 *
 * @param tlsServerConfig TLS; absent or empty means plain HTTP
 * @param httpServerConfig HTTP options and extra response headers
 * @param basicAuthUsers user name to bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$})
 * @param rateLimit a token bucket over all requests; absent means no limit
 * @param bearerTokens Hostwatch extension: tokens accepted as {@code Authorization: Bearer}
 * @param bearerTokenFile Hostwatch extension: a file with one accepted token per non-blank line
 */
public record WebConfig(
    TlsServerConfig tlsServerConfig,
    HttpServerConfig httpServerConfig,
    Map<String, String> basicAuthUsers,
    RateLimit rateLimit,
    List<String> bearerTokens,
    Path bearerTokenFile) {

  /** No TLS, no authentication, no extra headers: what no {@code --web.config.file} means. */
  public static WebConfig plain() {
    return new WebConfig(null, null, null, null, null, null);
  }

  /** Whether connections are served over TLS, as exporter-toolkit decides it. */
  public boolean tlsEnabled() {
    return tlsServerConfig != null && tlsServerConfig.enabled();
  }

  /** Whether requests need credentials (basic auth users or bearer tokens are configured). */
  public boolean authRequired() {
    return (basicAuthUsers != null && !basicAuthUsers.isEmpty())
        || (bearerTokens != null && !bearerTokens.isEmpty())
        || bearerTokenFile != null;
  }

  /** The headers to add to every response; empty values mean unset, as in exporter-toolkit. */
  public Map<String, String> headers() {
    return httpServerConfig == null || httpServerConfig.headers() == null
        ? Map.of()
        : httpServerConfig.headers();
  }

  /**
   * {@code tls_server_config}. Inline PEM ({@code cert}, {@code key}, {@code client_ca}) and files
   * ({@code cert_file}, {@code key_file}, {@code client_ca_file}) are alternatives.
   *
   * @param clientAuthType NoClientCert (default), RequestClientCert, RequireAnyClientCert,
   *     VerifyClientCertIfGiven, RequireAndVerifyClientCert
   * @param minVersion TLS10, TLS11, TLS12 (default) or TLS13
   * @param maxVersion as minVersion; TLS13 by default
   * @param cipherSuites suites for TLS 1.2 and below, in preference order (TLS 1.3 suites stay on)
   * @param preferServerCipherSuites whether the server's order wins; true by default
   * @param curvePreferences accepted and checked, not applied: JDK 17 has no per-server setting
   * @param clientAllowedSans a client certificate must carry one of these SANs
   */
  public record TlsServerConfig(
      String cert,
      String key,
      String clientCa,
      Path certFile,
      Path keyFile,
      String clientAuthType,
      Path clientCaFile,
      List<String> clientAllowedSans,
      String minVersion,
      String maxVersion,
      List<String> cipherSuites,
      Boolean preferServerCipherSuites,
      List<String> curvePreferences) {

    /** exporter-toolkit's {@code IsEnabled}: any certificate, key, CA or client auth type set. */
    public boolean enabled() {
      return certFile != null
          || keyFile != null
          || clientCaFile != null
          || notBlank(cert)
          || notBlank(key)
          || notBlank(clientCa)
          || notBlank(clientAuthType);
    }

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }
  }

  /**
   * {@code http_server_config}.
   *
   * @param http2 accepted for compatibility; the JDK server speaks HTTP/1.1 only
   * @param headers Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options,
   *     X-XSS-Protection and Content-Security-Policy, as exporter-toolkit allows
   */
  public record HttpServerConfig(Boolean http2, Map<String, String> headers) {}

  /**
   * {@code rate_limit}: one request per {@code interval} on average, bursts of {@code burst}.
   * Requests over the limit get 429. An interval of 0 disables it.
   */
  public record RateLimit(Duration interval, Integer burst) {}
}
