package io.hostwatch.common.web;

import io.hostwatch.common.web.TlsSettings.ClientAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the server judges client certificates for each {@code client_auth_type}: the verifying
 * policies check the chain against {@code client_ca_file} (or the JDK's roots when none is given,
 * as Go uses the system roots), the others take any certificate, as Go's {@code crypto/tls} does.
 * {@code client_allowed_sans} adds a check that the leaf carries one of the listed SANs.
 */
final class ClientTrustManagers {
  private ClientTrustManagers() {}

  static X509ExtendedTrustManager create(
      ClientAuth auth, List<X509Certificate> clientCas, List<String> allowedSans)
      throws GeneralSecurityException {
    X509ExtendedTrustManager base =
        auth.verify
            ? verifying(clientCas)
            : new AnyClient(clientCas == null ? List.of() : clientCas);
    return allowedSans == null ? base : new SanChecking(base, allowedSans);
  }

  private static X509ExtendedTrustManager verifying(List<X509Certificate> cas)
      throws GeneralSecurityException {
    KeyStore store = null;
    if (cas != null) {
      store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (IOException e) {
        throw new GeneralSecurityException(e);
      }
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca" + i, cas.get(i));
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager in the JDK");
  }

  /** Server-side only: {@code checkServerTrusted} is never called on a server. */
  private abstract static class ServerSide extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("server certificates are not checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("server certificates are not checked here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("server certificates are not checked here");
    }
  }

  /** RequestClientCert and RequireAnyClientCert: any certificate is taken, unverified. */
  private static final class AnyClient extends ServerSide {
    private final X509Certificate[] issuers;

    AnyClient(List<X509Certificate> issuers) {
      this.issuers = issuers.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }

  /** Delegates, then demands one of the allowed SANs on the leaf certificate. */
  private static final class SanChecking extends ServerSide {
    private final X509ExtendedTrustManager delegate;
    private final List<String> allowed;

    SanChecking(X509ExtendedTrustManager delegate, List<String> allowed) {
      this.delegate = delegate;
      this.allowed = allowed;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
      checkSans(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
      checkSans(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }

    private void checkSans(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no client certificate to match client_allowed_sans");
      }
      for (String san : sans(chain[0])) {
        for (String a : allowed) {
          if (a.equals(san) || sameIp(a, san)) {
            return;
          }
        }
      }
      throw new CertificateException("client certificate has none of client_allowed_sans");
    }
  }

  /** DNS names, e-mail addresses, URIs and IP addresses, as Go collects them. */
  static List<String> sans(X509Certificate cert) throws CertificateParsingException {
    List<String> out = new ArrayList<>();
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    if (names == null) {
      return out;
    }
    for (List<?> entry : names) {
      int type = (Integer) entry.get(0);
      if (type == 1 || type == 2 || type == 6 || type == 7) {
        out.add(String.valueOf(entry.get(1)));
      }
    }
    return out;
  }

  /** Java writes {@code ::1} as {@code 0:0:0:0:0:0:0:1}; compare IP literals as addresses. */
  private static boolean sameIp(String a, String b) {
    if (!looksLikeIp(a) || !looksLikeIp(b)) {
      return false;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean looksLikeIp(String s) {
    return s.matches("[0-9.]+") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
  }
}
