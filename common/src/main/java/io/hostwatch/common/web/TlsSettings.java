package io.hostwatch.common.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names exporter-toolkit uses for client auth policies, TLS versions and curves, mapped onto
 * what JSSE understands. Each parse method throws {@link TlsConfigException} naming the key.
 */
final class TlsSettings {
  private TlsSettings() {}

  /** Go's {@code tls.ClientAuthType}, by exporter-toolkit's names. */
  enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert", false, false, false),
    REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true, true);

    final String yamlName;
    final boolean request;
    final boolean require;
    final boolean verify;

    ClientAuth(String yamlName, boolean request, boolean require, boolean verify) {
      this.yamlName = yamlName;
      this.request = request;
      this.require = require;
      this.verify = verify;
    }

    static ClientAuth parse(String text) throws TlsConfigException {
      if (text == null || text.isEmpty()) {
        return NO_CLIENT_CERT;
      }
      if (text.equals("RequireClientCert")) { // exporter-toolkit keeps this old name working
        return REQUIRE_ANY_CLIENT_CERT;
      }
      List<String> names = new ArrayList<>();
      for (ClientAuth c : values()) {
        if (c.yamlName.equals(text)) {
          return c;
        }
        names.add(c.yamlName);
      }
      throw new TlsConfigException(
          "client_auth_type",
          "unsupported client_auth_type \""
              + text
              + "\" (expected one of: "
              + String.join(", ", names)
              + ")");
    }
  }

  /** exporter-toolkit's version names, oldest first, to JSSE protocol names. */
  static final Map<String, String> VERSIONS = new LinkedHashMap<>();

  static {
    VERSIONS.put("TLS10", "TLSv1");
    VERSIONS.put("TLS11", "TLSv1.1");
    VERSIONS.put("TLS12", "TLSv1.2");
    VERSIONS.put("TLS13", "TLSv1.3");
  }

  /** Go's curve names; JDK 17 cannot set them per server, so they are only checked. */
  static final Set<String> CURVES = Set.of("CurveP256", "CurveP384", "CurveP521", "X25519");

  /** The JSSE protocols from {@code min} to {@code max} inclusive (defaults TLS12 and TLS13). */
  static String[] protocols(String min, String max) throws TlsConfigException {
    List<String> names = new ArrayList<>(VERSIONS.keySet());
    int lo = versionIndex(min == null ? "TLS12" : min, "min_version", names);
    int hi = versionIndex(max == null ? "TLS13" : max, "max_version", names);
    if (lo > hi) {
      throw new TlsConfigException(
          "min_version", "min_version " + min + " is above max_version " + names.get(hi));
    }
    List<String> out = new ArrayList<>();
    for (int i = lo; i <= hi; i++) {
      out.add(VERSIONS.get(names.get(i)));
    }
    return out.toArray(String[]::new);
  }

  private static int versionIndex(String text, String key, List<String> names)
      throws TlsConfigException {
    int i = names.indexOf(text);
    if (i < 0) {
      throw new TlsConfigException(
          key,
          "unknown TLS version \""
              + text
              + "\" (expected one of: "
              + String.join(", ", names)
              + ")");
    }
    return i;
  }

  /**
   * The JSSE suites for {@code configured} (Go names; Go's older CHACHA20 names without {@code
   * _SHA256} are accepted), followed by the TLS 1.3 suites, which Go never lets a config remove.
   */
  static String[] cipherSuites(List<String> configured, String[] supported, String[] defaults)
      throws TlsConfigException {
    Set<String> known = Set.of(supported);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      String name = configured.get(i);
      String jsse = name.endsWith("_CHACHA20_POLY1305") ? name + "_SHA256" : name;
      if (!known.contains(jsse)) {
        throw new TlsConfigException(
            "cipher_suites[" + i + "]",
            "unknown cipher suite \""
                + name
                + "\" (expected a suite this JDK supports, e.g."
                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
      }
      out.add(jsse);
    }
    for (String d : defaults) {
      if (isTls13Suite(d) && !out.contains(d)) {
        out.add(d);
      }
    }
    return out.toArray(String[]::new);
  }

  private static boolean isTls13Suite(String name) {
    return name.startsWith("TLS_AES_") || name.startsWith("TLS_CHACHA20_");
  }

  static void checkCurves(List<String> curves) throws TlsConfigException {
    for (int i = 0; i < curves.size(); i++) {
      if (!CURVES.contains(curves.get(i))) {
        throw new TlsConfigException(
            "curve_preferences[" + i + "]",
            "unknown curve \""
                + curves.get(i)
                + "\" (expected one of: CurveP256, CurveP384, CurveP521, X25519)");
      }
    }
  }
}
