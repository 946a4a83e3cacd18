package io.hostwatch.common.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The checked-in certificates, keys and bcrypt hashes under {@code src/test/resources/web} (made by
 * its {@code generate.sh} with openssl and htpasswd), and HTTP clients that use them.
 */
final class WebFixtures {
  static final String PASSWORD = "changeit";

  private WebFixtures() {}

  /** The fixtures folder. */
  static Path dir() {
    try {
      return Path.of(WebFixtures.class.getResource("/web/ca.pem").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies every fixture into {@code target}, so a config there can name them relatively. */
  static void copyTo(Path target) throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      for (Path f : files.toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
  }

  /** Writes {@code yaml} as {@code web.yml} into {@code dir} and returns its path. */
  static Path writeConfig(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * user → bcrypt hash, from users.txt ({@code $2y$} alice, {@code $2a$} bob, {@code $2b$} carol).
   */
  static Map<String, String> users() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir().resolve("users.txt"))) {
      String[] parts = line.split(" ", 2);
      out.put(parts[0], parts[1]);
    }
    return out;
  }

  /** A plain HTTP/1.1 client. */
  static HttpClient plainClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** An HTTPS client trusting the test CA, presenting {@code clientP12}'s key when not null. */
  static HttpClient tlsClient(String clientP12, String... protocols) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = null;
    if (clientP12 != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir().resolve(clientP12))) {
        ks.load(in, PASSWORD.toCharArray());
      }
      kmf = KeyManagerFactory.getInstance("SunX509"); // plain aliases
      kmf.init(ks, PASSWORD.toCharArray());
    }
    javax.net.ssl.KeyManager[] kms =
        kmf == null
            ? null
            : new javax.net.ssl.KeyManager[] {
              new AlwaysPresent(
                  (javax.net.ssl.X509ExtendedKeyManager) kmf.getKeyManagers()[0],
                  clientP12.replace(".p12", ""))
            };
    context.init(kms, trustTestCa(), null);
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            // Covers the TLS handshake too, which waits for a free server worker.
            .connectTimeout(Duration.ofSeconds(30))
            .sslContext(context);
    if (protocols.length > 0) {
      SSLParameters p = context.getDefaultSSLParameters();
      p.setProtocols(protocols);
      b.sslParameters(p);
    }
    return b.build();
  }

  /**
   * Presents the client certificate whatever CAs the server asks for; the JDK client would
   * otherwise keep a certificate from another CA to itself, and the server's check of it would
   * never run.
   */
  private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
    private final javax.net.ssl.X509ExtendedKeyManager delegate;
    private final String alias;

    AlwaysPresent(javax.net.ssl.X509ExtendedKeyManager delegate, String alias) {
      this.delegate = delegate;
      this.alias = alias;
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return alias;
    }

    @Override
    public String chooseClientAlias(
        String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(
        String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return null;
    }

    @Override
    public java.security.cert.X509Certificate[] getCertificateChain(String a) {
      return delegate.getCertificateChain(a);
    }

    @Override
    public java.security.PrivateKey getPrivateKey(String a) {
      return delegate.getPrivateKey(a);
    }
  }

  private static javax.net.ssl.TrustManager[] trustTestCa() throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(dir().resolve("ca.pem"))) {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(ts);
      return tmf.getTrustManagers();
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** GETs {@code path} within {@code timeoutSeconds}. */
  static HttpResponse<String> get(
      HttpClient client, WebServer server, String path, int timeoutSeconds)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.scheme() + "://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} with optional extra headers (name, value, name, value ...). */
  static HttpResponse<String> get(
      HttpClient client, WebServer server, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.scheme() + "://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
