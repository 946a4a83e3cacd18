package io.hostwatch.alertwebhook.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.config.SmtpConfig;
import io.hostwatch.alertwebhook.config.TlsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpSettingsTest {
  @Test
  void environmentVariablesAreDefaults() {
    SmtpSettings s =
        SmtpSettings.resolve(
                null,
                Map.of(
                    "SMTP_SERVER", "smtp.example.com",
                    "EMAIL_USER", "bot@example.com",
                    "EMAIL_PASSWORD", "pw",
                    "SMTP_TLS", "tls"))
            .orElseThrow();
    assertEquals(
        new SmtpSettings(
            "smtp.example.com",
            465,
            TlsMode.TLS,
            "bot@example.com",
            "pw",
            "bot@example.com",
            Duration.ofSeconds(10),
            null),
        s);
    assertTrue(!s.toString().contains("pw"), "no password in logs");
  }

  @Test
  void theConfigFileWinsAndStarttlsIsTheDefault() {
    SmtpConfig c = new SmtpConfig("mx.local", null, null, null, null, null, "hw@x", null, null);
    SmtpSettings s =
        SmtpSettings.resolve(c, Map.of("SMTP_SERVER", "other", "SMTP_PORT", "2525")).orElseThrow();
    assertEquals("mx.local", s.host());
    assertEquals(2525, s.port());
    assertEquals(TlsMode.STARTTLS, s.tls());
    assertEquals("hw@x", s.from());
  }

  @Test
  void aCaFileIsCheckedAtStartUp(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertEquals(
        "smtp.ca_file: cannot read " + missing + ": no such file",
        assertThrows(IllegalArgumentException.class, () -> resolveWithCa(missing, null))
            .getMessage());
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    assertEquals(
        "smtp.ca_file: "
            + junk
            + ": no certificate found (expected a PEM -----BEGIN CERTIFICATE-----)",
        assertThrows(IllegalArgumentException.class, () -> resolveWithCa(junk, null)).getMessage());
    Path ca = Files.write(dir.resolve("ca.pem"), caPem());
    assertEquals(ca, resolveWithCa(ca, null).caFile());
    assertEquals(
        ca,
        SmtpSettings.resolve(null, Map.of("SMTP_SERVER", "mx", "SMTP_CA_FILE", ca.toString()))
            .orElseThrow()
            .caFile(),
        "the environment's SMTP_CA_FILE, as for the other SMTP_ settings");
    assertEquals(
        "smtp.ca_file is set but tls is none (expected starttls or tls, or no ca_file)",
        assertThrows(IllegalArgumentException.class, () -> resolveWithCa(ca, TlsMode.NONE))
            .getMessage());
  }

  /** A CA certificate from common's test fixtures (its test-jar is on our test classpath). */
  private static byte[] caPem() throws java.io.IOException {
    try (var in = SmtpSettingsTest.class.getResourceAsStream("/web/ca.pem")) {
      assertTrue(in != null, "web/ca.pem from common's test-jar");
      return in.readAllBytes();
    }
  }

  private static SmtpSettings resolveWithCa(Path caFile, TlsMode tls) {
    return SmtpSettings.resolve(
            new SmtpConfig("mx.local", null, tls, null, null, null, null, null, caFile), Map.of())
        .orElseThrow();
  }

  @Test
  void noServerAnywhereMeansEmlFiles() {
    assertTrue(SmtpSettings.resolve(null, Map.of()).isEmpty());
  }

  @Test
  void badEnvironmentValuesAreNamed() {
    assertEquals(
        "environment variable SMTP_PORT=\"abc\" (expected a port 1-65535)",
        assertThrows(
                IllegalArgumentException.class,
                () -> SmtpSettings.resolve(null, Map.of("SMTP_SERVER", "x", "SMTP_PORT", "abc")))
            .getMessage());
    assertEquals(
        "environment variable SMTP_TLS=\"ssl\" (expected starttls, tls or none)",
        assertThrows(
                IllegalArgumentException.class,
                () -> SmtpSettings.resolve(null, Map.of("SMTP_SERVER", "x", "SMTP_TLS", "ssl")))
            .getMessage());
  }

  @Test
  void emailToIsTheDefaultRecipientList() {
    assertEquals(
        List.of("a@x", "b@x"),
        RecipientRouter.defaultRecipients(null, Map.of("EMAIL_TO", "a@x, b@x,")));
    assertEquals(
        List.of("c@x"),
        RecipientRouter.defaultRecipients(List.of("c@x"), Map.of("EMAIL_TO", "a@x")));
  }
}
