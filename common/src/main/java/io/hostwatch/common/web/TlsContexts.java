package io.hostwatch.common.web;

import io.hostwatch.common.web.PemReader.PemException;
import io.hostwatch.common.web.TlsSettings.ClientAuth;
import io.hostwatch.common.web.WebConfig.TlsServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * Builds the server's {@link SSLContext} and {@link SSLParameters} from {@code tls_server_config},
 * checking it the way exporter-toolkit's {@code ConfigToTLSConfig} does.
 */
final class TlsContexts {
  private TlsContexts() {}

  /** What an HTTPS server needs: the context and the per-connection parameters. */
  record TlsSetup(SSLContext context, SSLParameters parameters) {}

  /** The server certificate chain and its key. */
  record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {}

  static TlsSetup create(TlsServerConfig c) throws TlsConfigException {
    KeyMaterial material = loadKeyMaterial(c);
    ClientAuth auth = ClientAuth.parse(c.clientAuthType());
    List<X509Certificate> clientCas = loadClientCas(c);
    if (clientCas != null && !auth.verify) {
      throw new TlsConfigException(
          c.clientCaFile() != null ? "client_ca_file" : "client_ca",
          "client CA set, but client_auth_type "
              + auth.yamlName
              + " does not verify client certificates (expected VerifyClientCertIfGiven or"
              + " RequireAndVerifyClientCert)");
    }
    List<String> sans = c.clientAllowedSans();
    if (sans != null && !auth.require) {
      throw new TlsConfigException(
          "client_allowed_sans",
          "needs a client certificate, but client_auth_type is "
              + auth.yamlName
              + " (expected RequireAnyClientCert or RequireAndVerifyClientCert)");
    }
    if (c.curvePreferences() != null) {
      TlsSettings.checkCurves(c.curvePreferences());
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trust = ClientTrustManagers.create(auth, clientCas, sans);
      KeyManager[] keys =
          c.certFile() != null && c.keyFile() != null
              ? new KeyManager[] {new ReloadingKeyManager(c, material)}
              : keyManagers(material);
      context.init(keys, new TrustManager[] {trust}, null);
      return new TlsSetup(context, parameters(c, auth, context));
    } catch (GeneralSecurityException e) {
      throw new TlsConfigException("", "cannot set up TLS: " + e.getMessage());
    }
  }

  private static SSLParameters parameters(TlsServerConfig c, ClientAuth auth, SSLContext context)
      throws TlsConfigException {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(TlsSettings.protocols(c.minVersion(), c.maxVersion()));
    if (c.cipherSuites() != null && !c.cipherSuites().isEmpty()) {
      p.setCipherSuites(
          TlsSettings.cipherSuites(
              c.cipherSuites(),
              context.getSupportedSSLParameters().getCipherSuites(),
              p.getCipherSuites()));
    }
    p.setUseCipherSuitesOrder(!Boolean.FALSE.equals(c.preferServerCipherSuites()));
    if (auth.require) {
      p.setNeedClientAuth(true);
    } else if (auth.request) {
      p.setWantClientAuth(true);
    }
    return p;
  }

  /** Reads and checks the certificate chain and key; a reload calls it again. */
  static KeyMaterial loadKeyMaterial(TlsServerConfig c) throws TlsConfigException {
    String certPem = pemText(c.cert(), "cert", c.certFile(), "cert_file");
    String keyPem = pemText(c.key(), "key", c.keyFile(), "key_file");
    String certKey = c.certFile() != null ? "cert_file" : "cert";
    String keyKey = c.keyFile() != null ? "key_file" : "key";
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = PemReader.certificates(certPem);
    } catch (PemException e) {
      throw new TlsConfigException(certKey, where(c.certFile()) + e.getMessage());
    }
    try {
      key = PemReader.privateKey(keyPem);
    } catch (PemException e) {
      throw new TlsConfigException(keyKey, where(c.keyFile()) + e.getMessage());
    }
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new TlsConfigException(
          keyKey,
          where(c.keyFile())
              + "private key does not match the certificate in "
              + (c.certFile() != null ? c.certFile() : "cert"));
    }
    return new KeyMaterial(chain, key);
  }

  private static List<X509Certificate> loadClientCas(TlsServerConfig c) throws TlsConfigException {
    if (c.clientCaFile() == null && (c.clientCa() == null || c.clientCa().isBlank())) {
      return null;
    }
    String pem = pemText(c.clientCa(), "client_ca", c.clientCaFile(), "client_ca_file");
    try {
      return PemReader.certificates(pem);
    } catch (PemException e) {
      throw new TlsConfigException(
          c.clientCaFile() != null ? "client_ca_file" : "client_ca",
          where(c.clientCaFile()) + e.getMessage());
    }
  }

  private static String pemText(String inline, String inlineKey, Path file, String fileKey)
      throws TlsConfigException {
    boolean hasInline = inline != null && !inline.isBlank();
    if (hasInline && file != null) {
      throw new TlsConfigException(inlineKey, "set " + inlineKey + " or " + fileKey + ", not both");
    }
    if (hasInline) {
      return inline;
    }
    if (file == null) {
      throw new TlsConfigException("", "missing one of " + inlineKey + " or " + fileKey);
    }
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new TlsConfigException(fileKey, "cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new TlsConfigException(fileKey, "cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new TlsConfigException(fileKey, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String where(Path file) {
    return file == null ? "" : file + ": ";
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean matches(PrivateKey key, PublicKey publicKey) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return true; // unusual key type: let the handshake be the judge
    }
    try {
      byte[] probe = "hostwatch key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static KeyManager[] keyManagers(KeyMaterial material) throws GeneralSecurityException {
    char[] password = "hostwatch".toCharArray(); // in memory only; PKCS12 wants one
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setKeyEntry(
        "server", material.key(), password, material.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
    factory.init(store, password);
    return factory.getKeyManagers();
  }
}
