package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.testing.ModuleJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixtures in src/test/resources/web/configs; each bad one asserts its whole message. */
class WebConfigLoaderTest {
  private static final String BCRYPT_EXPECTED =
      "not a bcrypt hash (expected $2a$, $2b$ or $2y$, a two-digit cost and 53 characters, as"
          + " written by: htpasswd -nBC 10 \"\" | tr -d ':\\n')";

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of(
            "unknown-key.bad.yml",
            "{file}:3:3: tls_server_config.key_flie: unknown key \"key_flie\", did you mean"
                + " \"key_file\"? (expected one of: cert, key, client_ca, cert_file, key_file,"
                + " client_auth_type, client_ca_file, client_allowed_sans, min_version,"
                + " max_version, cipher_suites, prefer_server_cipher_suites, curve_preferences)"),
        Arguments.of(
            "unknown-top-level-key.bad.yml",
            "{file}:1:1: basic_auth_user: unknown key \"basic_auth_user\", did you mean"
                + " \"basic_auth_users\"? (expected one of: tls_server_config, http_server_config,"
                + " basic_auth_users, rate_limit, bearer_tokens, bearer_token_file)"),
        Arguments.of(
            "missing-cert-file.bad.yml",
            "{file}:2:14: tls_server_config.cert_file: cannot read {dir}/missing.pem: no such"
                + " file"),
        Arguments.of(
            "bad-cert-pem.bad.yml",
            "{file}:2:14: tls_server_config.cert_file: {dir}/not-a-cert.pem: no certificate"
                + " found (expected a PEM -----BEGIN CERTIFICATE-----)"),
        Arguments.of(
            "bad-key-pem.bad.yml",
            "{file}:3:13: tls_server_config.key_file: {dir}/server.pem: no private key found"
                + " (expected a PEM -----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY-----"
                + " or -----BEGIN EC PRIVATE KEY-----)"),
        Arguments.of(
            "key-mismatch.bad.yml",
            "{file}:3:13: tls_server_config.key_file: {dir}/server-ec.key: private key does not"
                + " match the certificate in {dir}/server.pem"),
        Arguments.of(
            "missing-key.bad.yml", "{file}:2:3: tls_server_config: missing one of key or key_file"),
        Arguments.of(
            "bad-bcrypt.bad.yml",
            "{file}:3:8: basic_auth_users.bob: "
                + BCRYPT_EXPECTED
                + "\n{file}:4:10: basic_auth_users.carol: "
                + BCRYPT_EXPECTED),
        Arguments.of(
            "client-auth-type.bad.yml",
            "{file}:4:21: tls_server_config.client_auth_type: unsupported client_auth_type"
                + " \"RequireClientCertificate\" (expected one of: NoClientCert,"
                + " RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven,"
                + " RequireAndVerifyClientCert)"),
        Arguments.of(
            "client-ca-without-client-auth.bad.yml",
            "{file}:4:19: tls_server_config.client_ca_file: client CA set, but client_auth_type"
                + " NoClientCert does not verify client certificates (expected"
                + " VerifyClientCertIfGiven or RequireAndVerifyClientCert)"),
        Arguments.of(
            "allowed-sans-without-required-cert.bad.yml",
            "{file}:6:24: tls_server_config.client_allowed_sans: needs a client certificate, but"
                + " client_auth_type is VerifyClientCertIfGiven (expected RequireAnyClientCert or"
                + " RequireAndVerifyClientCert)"),
        Arguments.of(
            "tls-version.bad.yml",
            "{file}:4:16: tls_server_config.min_version: unknown TLS version \"TLS14\" (expected"
                + " one of: TLS10, TLS11, TLS12, TLS13)"),
        Arguments.of(
            "cipher-suite.bad.yml",
            "{file}:6:7: tls_server_config.cipher_suites[1]: unknown cipher suite"
                + " \"TLS_INVENTED_WITH_ROT13\" (expected a suite this JDK supports, e.g."
                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)"),
        Arguments.of(
            "headers.bad.yml",
            "{file}:3:19: http_server_config.headers.X-Powered-By: HTTP header \"X-Powered-By\""
                + " can not be configured (expected one of: Strict-Transport-Security,"
                + " X-Content-Type-Options, X-Frame-Options, X-XSS-Protection,"
                + " Content-Security-Policy)\n"
                + "{file}:4:22: http_server_config.headers.X-Frame-Options: invalid value"
                + " \"allow-from-anywhere\" (expected one of: deny, sameorigin)"),
        Arguments.of(
            "bearer-token-file.bad.yml",
            "{file}:1:17: bearer_tokens[0]: empty token\n"
                + "{file}:2:20: bearer_token_file: cannot read {dir}/missing-token.txt: no such"
                + " file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFileReportsItsFullMessage(String name, String expected) {
    Path file = WebFixtures.dir().resolve("configs").resolve(name);
    ConfigException e = assertThrows(ConfigException.class, () -> WebConfigLoader.load(file));
    assertEquals(
        expected.replace("{file}", file.toString()).replace("{dir}", WebFixtures.dir().toString()),
        e.getMessage());
  }

  @Test
  void everyDocumentedKeyLoadsAndPathsResolveAgainstTheFilesFolder() throws ConfigException {
    WebConfig c = WebConfigLoader.load(WebFixtures.dir().resolve("configs/every-key.good.yml"));
    assertTrue(c.tlsEnabled());
    assertTrue(c.authRequired());
    assertEquals(WebFixtures.dir().resolve("server.pem"), c.tlsServerConfig().certFile());
    assertEquals(WebFixtures.dir().resolve("token.txt"), c.bearerTokenFile());
    assertEquals("RequireAndVerifyClientCert", c.tlsServerConfig().clientAuthType());
    assertEquals(Boolean.FALSE, c.tlsServerConfig().preferServerCipherSuites());
    assertEquals(List.of("X25519", "CurveP256"), c.tlsServerConfig().curvePreferences());
    assertEquals("deny", c.headers().get("X-Frame-Options"));
    assertEquals(5, c.headers().size());
    assertEquals(Duration.ofSeconds(1), c.rateLimit().interval());
  }

  @Test
  void anEmptyFileMeansPlainHttpWithoutAuth() throws ConfigException {
    WebConfig c = WebConfigLoader.parse("", "empty.yml", WebFixtures.dir());
    assertFalse(c.tlsEnabled());
    assertFalse(c.authRequired());
    assertTrue(c.headers().isEmpty());
  }

  @Test
  void theShippedExampleLoads() throws ConfigException {
    Path example = ModuleJars.repoRoot().resolve("examples/web-config.yml");
    WebConfig c = WebConfigLoader.load(example);
    assertTrue(c.authRequired());
  }

  @Test
  void bcryptHashesOfEveryVersionHtpasswdAndGoWriteAreAccepted() {
    assertTrue(
        WebConfigLoader.isBcrypt("$2y$06$qJbhMgwAmOS2nh6ZcuuC0.30syUjD7aCflcaH6DgD906YeI8YDDHG"));
    assertTrue(
        WebConfigLoader.isBcrypt("$2a$06$XfDN79hkBK3DNtZW6f.F6.NWuKNKCXFaXf6qtceDfwaibiMz12mfC"));
    assertTrue(
        WebConfigLoader.isBcrypt("$2b$06$y6gfn.8OcBFhUmzySTg5w.cl6KMZN3FAnbFijEM9peZKqv5/DivG."));
    assertFalse(
        WebConfigLoader.isBcrypt("$2x$06$y6gfn.8OcBFhUmzySTg5w.cl6KMZN3FAnbFijEM9peZKqv5/DivG."));
    assertFalse(
        WebConfigLoader.isBcrypt("$2y$06$y6gfn.8OcBFhUmzySTg5w.cl6KMZN3FAnbFijEM9peZKqv5/DivG"));
  }
}
