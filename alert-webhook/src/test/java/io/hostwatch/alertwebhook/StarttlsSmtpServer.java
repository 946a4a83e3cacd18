package io.hostwatch.alertwebhook;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * An in-process SMTP server on 127.0.0.1 that offers STARTTLS and refuses everything before it, and
 * requires AUTH before MAIL: what a submission server on port 587 does. Its certificate is a
 * throw-away self-signed one for IP 127.0.0.1 made by the JDK's keytool; {@link #trustStore()}
 * holds only that certificate, so a client that trusts it trusts nothing else.
 */
public final class StarttlsSmtpServer implements AutoCloseable {
  public static final String STORE_PASSWORD = "changeit";

  /** One accepted message, and whether the session was on TLS when it arrived. */
  public record Received(String from, String to, byte[] data, boolean overTls) {}

  /** One AUTH attempt, and whether the session was on TLS when the credentials came. */
  public record Login(String username, boolean overTls) {}

  private final SMTPServer server;
  private final Path trustStore;
  private final Path certificatePem;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Login> logins = new CopyOnWriteArrayList<>();

  private StarttlsSmtpServer(Path dir, String username, String password) throws Exception {
    Path keyStore = dir.resolve("smtp-server.p12");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "smtp",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD);
    KeyStore keys = load(keyStore);
    this.trustStore = dir.resolve("smtp-trust.p12");
    writeTrustStore(keys, trustStore);
    this.certificatePem = dir.resolve("smtp-server.pem");
    Files.writeString(
        certificatePem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getCertificate("smtp").getEncoded())
            + "\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    this.server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("127.0.0.1")
            .enableTLS()
            .requireTLS()
            .requireAuth()
            .startTlsSocketFactory(tls)
            .connectionTimeout(10, TimeUnit.SECONDS)
            .authenticationHandlerFactory(
                new EasyAuthenticationHandlerFactory(
                    (user, pass, context) -> {
                      logins.add(new Login(user, tlsStarted(context)));
                      if (!username.equals(user) || !password.equals(pass)) {
                        throw new LoginFailedException();
                      }
                    }))
            .messageHandler(
                (context, from, to, data) ->
                    received.add(new Received(from, to, data, tlsStarted(context))))
            .build();
    server.start();
  }

  /**
   * Starts a server that accepts {@code username}/{@code password}; key material in {@code dir}.
   */
  public static StarttlsSmtpServer start(Path dir, String username, String password)
      throws Exception {
    return new StarttlsSmtpServer(dir, username, password);
  }

  public int port() {
    return server.getPortAllocated();
  }

  /**
   * A PKCS12 trust store (password {@link #STORE_PASSWORD}) with only this server's certificate.
   */
  public Path trustStore() {
    return trustStore;
  }

  /** This server's certificate as PEM, for a {@code ca_file}. */
  public Path certificatePem() {
    return certificatePem;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Login> logins() {
    return List.copyOf(logins);
  }

  @Override
  public void close() {
    server.stop();
  }

  private static boolean tlsStarted(MessageContext context) {
    // subethasmtp hands its Session as the context; anything else would be a surprise to report.
    if (!(context instanceof Session session)) {
      throw new IllegalStateException("unexpected context " + context);
    }
    return session.isTLSStarted();
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(file.toFile())) {
      ks.load(in, STORE_PASSWORD.toCharArray());
    }
    return ks;
  }

  private static void writeTrustStore(KeyStore keys, Path file) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("smtp", keys.getCertificate("smtp"));
    try (OutputStream out = new FileOutputStream(file.toFile())) {
      trust.store(out, STORE_PASSWORD.toCharArray());
    }
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool failed, see " + dir.resolve("keytool.log"));
    }
  }
}
