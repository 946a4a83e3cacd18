package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

/** The same keys as openssl wrote them in each format must read as the same key. */
class PemReaderTest {
  private static PrivateKey read(String name) throws Exception {
    return PemReader.privateKey(Files.readString(WebFixtures.dir().resolve(name)));
  }

  @Test
  void pkcs1RsaKeyReadsAsThePkcs8One() throws Exception {
    PrivateKey pkcs8 = read("server.key");
    PrivateKey pkcs1 = read("server-pkcs1.key");
    assertEquals("RSA", pkcs1.getAlgorithm());
    assertArrayEquals(pkcs8.getEncoded(), pkcs1.getEncoded());
  }

  @Test
  void sec1EcKeyReadsAsThePkcs8One() throws Exception {
    PrivateKey pkcs8 = read("server-ec.key");
    PrivateKey sec1 = read("server-ec-sec1.key");
    assertEquals("EC", sec1.getAlgorithm());
    assertEquals(
        ((java.security.interfaces.ECPrivateKey) pkcs8).getS(),
        ((java.security.interfaces.ECPrivateKey) sec1).getS());
  }

  @Test
  void aChainKeepsItsOrder() throws Exception {
    String chain =
        Files.readString(WebFixtures.dir().resolve("server.pem"))
            + Files.readString(WebFixtures.dir().resolve("ca.pem"));
    var certs = PemReader.certificates(chain);
    assertEquals(2, certs.size());
    assertEquals("CN=server", certs.get(0).getSubjectX500Principal().getName());
    assertEquals("CN=Hostwatch test CA", certs.get(1).getSubjectX500Principal().getName());
  }

  @Test
  void encryptedKeysAreRefusedWithAHint() {
    var e =
        assertThrows(
            PemReader.PemException.class,
            () ->
                PemReader.privateKey(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE"
                        + " KEY-----\n"));
    assertEquals(
        "encrypted private keys are not supported (expected an unencrypted key, e.g. from"
            + " 'openssl pkey -in key.pem -out plain.pem')",
        e.getMessage());
  }

  @Test
  void aCorruptCertificateSaysSo() {
    var e =
        assertThrows(
            PemReader.PemException.class,
            () ->
                PemReader.certificates(
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    assertEquals(true, e.getMessage().startsWith("invalid certificate: "), e.getMessage());
  }
}
