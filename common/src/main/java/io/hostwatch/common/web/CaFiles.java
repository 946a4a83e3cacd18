package io.hostwatch.common.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A {@code ca_file} as Prometheus' client TLS settings mean it: a PEM file of CA certificates that
 * are the only ones a client trusts, instead of the JVM's trust store. For clients we open
 * ourselves (the alert-webhook's SMTP connection), so a private CA needs no keytool.
 */
public final class CaFiles {
  private CaFiles() {}

  /**
   * A socket factory that trusts exactly the certificates in {@code pemFile}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static SSLSocketFactory socketFactory(Path pemFile) {
    List<X509Certificate> cas = certificates(pemFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          pemFile + ": cannot build a trust store: " + e.getMessage());
    }
  }

  /** The certificates in the file; at least one. */
  public static List<X509Certificate> certificates(Path pemFile) {
    String pem;
    try {
      pem = Files.readString(pemFile, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("cannot read " + pemFile + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pemFile + ": " + e.getMessage());
    }
    try {
      return PemReader.certificates(pem);
    } catch (PemReader.PemException e) {
      throw new IllegalArgumentException(pemFile + ": " + e.getMessage());
    }
  }
}
