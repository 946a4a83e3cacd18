package io.hostwatch.common.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * PEM files as Prometheus' client TLS settings mean them: {@code ca_file} holds the CA certificates
 * that are the only ones a client trusts, instead of the JVM's trust store (so a private CA needs
 * no keytool); {@code cert_file} and {@code key_file} a client certificate and its key. Every
 * client we open ourselves (queries to Prometheus, the alert-webhook's SMTP connection) reads them
 * here.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the file and what is wrong with it.
 */
public final class PemFiles {
  private PemFiles() {}

  /** A socket factory that trusts exactly the certificates in {@code caFile}. */
  public static SSLSocketFactory socketFactory(Path caFile) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers(caFile), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          caFile + ": cannot build a TLS context: " + e.getMessage());
    }
  }

  /** Trust managers that trust exactly the certificates in {@code caFile}. */
  public static TrustManager[] trustManagers(Path caFile) {
    List<X509Certificate> cas = certificates(caFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(store);
      return trust.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          caFile + ": cannot build a trust store: " + e.getMessage());
    }
  }

  /** The certificates in the file; at least one. */
  public static List<X509Certificate> certificates(Path pemFile) {
    try {
      return PemReader.certificates(read(pemFile));
    } catch (PemReader.PemException e) {
      throw new IllegalArgumentException(pemFile + ": " + e.getMessage());
    }
  }

  /** The private key in the file: PKCS#8, PKCS#1 or SEC1, as Prometheus accepts. */
  public static PrivateKey privateKey(Path pemFile) {
    try {
      return PemReader.privateKey(read(pemFile));
    } catch (PemReader.PemException e) {
      throw new IllegalArgumentException(pemFile + ": " + e.getMessage());
    }
  }

  private static String read(Path pemFile) {
    try {
      return Files.readString(pemFile, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + pemFile + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pemFile + ": " + e.getMessage());
    }
  }
}
