package io.hostwatch.common.prom;

import io.hostwatch.common.web.PemFiles;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the JDK HTTP client for a {@code prometheus:} block's {@code tls_config}. */
final class HttpClients {
  private HttpClients() {}

  static HttpClient create(PrometheusConfig c) {
    // Redirects are followed by PrometheusHttp itself, and only within the configured origin.
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(min(c.timeoutOrDefault(), Duration.ofSeconds(10)))
            .followRedirects(HttpClient.Redirect.NEVER);
    if (c.tlsConfig() != null) {
      try {
        b.sslContext(sslContext(c.tlsConfig()));
        if (c.tlsConfig().serverName() != null) {
          SSLParameters p = new SSLParameters();
          p.setServerNames(List.of(new javax.net.ssl.SNIHostName(c.tlsConfig().serverName())));
          b.sslParameters(p);
        }
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalArgumentException("tls_config: " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  static SSLContext sslContext(PrometheusConfig.TlsConfig t)
      throws IOException, GeneralSecurityException {
    TrustManager[] trust = null;
    if (Boolean.TRUE.equals(t.insecureSkipVerify())) {
      trust = new TrustManager[] {new TrustAll()};
    } else if (t.caFile() != null) {
      trust = PemFiles.trustManagers(t.caFile());
    }
    KeyManagerFactory kmf = null;
    if (t.certFile() != null) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      Certificate[] chain = PemFiles.certificates(t.certFile()).toArray(new Certificate[0]);
      ks.setKeyEntry("client", PemFiles.privateKey(t.keyFile()), new char[0], chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, new SecureRandom());
    return ctx;
  }

  /** {@code insecure_skip_verify: true}: the user asked for it, as in Prometheus. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
