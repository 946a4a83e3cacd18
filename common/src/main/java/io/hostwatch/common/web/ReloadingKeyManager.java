package io.hostwatch.common.web;

import io.hostwatch.common.web.TlsContexts.KeyMaterial;
import io.hostwatch.common.web.WebConfig.TlsServerConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves the certificate and key from {@code cert_file}/{@code key_file}, re-reading them when they
 * change on disk, so a renewed certificate is used by the next connection without a restart
 * (exporter-toolkit re-reads them on every handshake). A pair that fails to load is logged and the
 * previous one kept. Aliases carry a generation number so one handshake never mixes the certificate
 * of one generation with the key of another.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger logger = Logger.getLogger(ReloadingKeyManager.class.getName());

  private final TlsServerConfig config;
  private final List<Path> files;
  private volatile Snapshot current;
  private volatile Snapshot previous;

  private record Snapshot(int generation, List<String> stamps, X509ExtendedKeyManager delegate) {}

  ReloadingKeyManager(TlsServerConfig config, KeyMaterial initial) throws GeneralSecurityException {
    this.config = config;
    this.files = List.of(config.certFile(), config.keyFile());
    this.current = new Snapshot(0, stamps(), delegate(initial));
  }

  private static X509ExtendedKeyManager delegate(KeyMaterial material)
      throws GeneralSecurityException {
    return (X509ExtendedKeyManager) TlsContexts.keyManagers(material)[0];
  }

  /** Size and modification time of each file; a change in either means "reload". */
  private List<String> stamps() {
    return files.stream()
        .map(
            f -> {
              try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                return a.size() + "@" + a.lastModifiedTime().toMillis();
              } catch (IOException e) {
                return "missing";
              }
            })
        .toList();
  }

  private synchronized Snapshot snapshot() {
    Snapshot snap = current;
    List<String> now = stamps();
    if (now.equals(snap.stamps())) {
      return snap;
    }
    try {
      KeyMaterial material = TlsContexts.loadKeyMaterial(config);
      Snapshot next = new Snapshot(snap.generation() + 1, now, delegate(material));
      previous = snap;
      current = next;
      logger.info("reloaded TLS certificate from " + config.certFile());
      return next;
    } catch (TlsConfigException | GeneralSecurityException e) {
      // Keep serving the old pair; say so once per change, not on every handshake.
      current = new Snapshot(snap.generation(), now, snap.delegate());
      logger.warning("keeping the previous TLS certificate: " + e.getMessage());
      return current;
    }
  }

  private X509ExtendedKeyManager delegateFor(String alias) {
    int colon = alias == null ? -1 : alias.indexOf(':');
    if (colon < 0) {
      return null;
    }
    int generation = Integer.parseInt(alias.substring(0, colon));
    for (Snapshot s : new Snapshot[] {current, previous}) {
      if (s != null && s.generation() == generation) {
        return s.delegate();
      }
    }
    return null;
  }

  private static String tag(Snapshot s, String alias) {
    return alias == null ? null : s.generation() + ":" + alias;
  }

  private static String untag(String alias) {
    return alias.substring(alias.indexOf(':') + 1);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    Snapshot s = snapshot();
    return tag(s, s.delegate().chooseEngineServerAlias(keyType, issuers, engine));
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    Snapshot s = snapshot();
    return tag(s, s.delegate().chooseServerAlias(keyType, issuers, socket));
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    Snapshot s = snapshot();
    String[] aliases = s.delegate().getServerAliases(keyType, issuers);
    if (aliases == null) {
      return null;
    }
    String[] out = new String[aliases.length];
    for (int i = 0; i < aliases.length; i++) {
      out[i] = tag(s, aliases[i]);
    }
    return out;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    X509ExtendedKeyManager d = delegateFor(alias);
    return d == null ? null : d.getCertificateChain(untag(alias));
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    X509ExtendedKeyManager d = delegateFor(alias);
    return d == null ? null : d.getPrivateKey(untag(alias));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null; // a server never presents a client certificate
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
