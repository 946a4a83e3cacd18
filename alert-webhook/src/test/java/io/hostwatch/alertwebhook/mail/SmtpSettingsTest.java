package io.hostwatch.alertwebhook.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.config.SmtpConfig;
import io.hostwatch.alertwebhook.config.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
            Duration.ofSeconds(10)),
        s);
    assertTrue(!s.toString().contains("pw"), "no password in logs");
  }

  @Test
  void theConfigFileWinsAndStarttlsIsTheDefault() {
    SmtpConfig c = new SmtpConfig("mx.local", null, null, null, null, null, "hw@x", null);
    SmtpSettings s =
        SmtpSettings.resolve(c, Map.of("SMTP_SERVER", "other", "SMTP_PORT", "2525")).orElseThrow();
    assertEquals("mx.local", s.host());
    assertEquals(2525, s.port());
    assertEquals(TlsMode.STARTTLS, s.tls());
    assertEquals("hw@x", s.from());
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
