package io.hostwatch.alertwebhook.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.StarttlsSmtpServer;
import io.hostwatch.alertwebhook.config.TlsMode;
import io.hostwatch.alertwebhook.render.RenderedEmail;
import io.hostwatch.alertwebhook.spool.SendResult;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default {@code tls: starttls} against a server that really speaks STARTTLS (GreenMail 2.1
 * does not): the mail goes over TLS, the password only after the upgrade, and an untrusted
 * certificate stops everything, credentials included.
 */
class StarttlsDeliveryTest {
  private static final RenderedEmail EMAIL =
      new RenderedEmail("[FIRING:1] HostHighCpu web-1", "<p>html</p>", "text", List.of());

  @TempDir Path dir;

  private static SmtpMailSender sender(int port, Map<String, String> extra) {
    SmtpSettings settings =
        new SmtpSettings(
            "127.0.0.1",
            port,
            TlsMode.STARTTLS,
            "hw",
            "secret",
            "hw@example.com",
            Duration.ofSeconds(10),
            null);
    return new SmtpMailSender(settings, extra);
  }

  private static SendResult send(SmtpMailSender sender) throws Exception {
    MimeMessage m =
        MessageBuilder.build(
            sender.session(),
            EMAIL,
            "hw@example.com",
            List.of("ops@example.com"),
            "abc123",
            Instant.now());
    return sender.send(m);
  }

  @Test
  void deliversOverStarttlsAndAuthenticatesOnlyAfterTheUpgrade() throws Exception {
    try (StarttlsSmtpServer smtp = StarttlsSmtpServer.start(dir, "hw", "secret");
        // The settings have no trust option of their own; the test server's self-signed
        // certificate is trusted for 127.0.0.1 only, with the host name check left on.
        SmtpMailSender sender = sender(smtp.port(), Map.of("mail.smtp.ssl.trust", "127.0.0.1"))) {
      SendResult r = send(sender);
      assertEquals(SendResult.Kind.SENT, r.kind(), r.reason());

      assertEquals(List.of(new StarttlsSmtpServer.Login("hw", true)), smtp.logins());
      List<StarttlsSmtpServer.Received> got = smtp.received();
      assertEquals(1, got.size());
      assertTrue(got.get(0).overTls(), "message data sent before STARTTLS");
      assertEquals("hw@example.com", got.get(0).from());
      assertEquals("ops@example.com", got.get(0).to());
      MimeMessage m =
          new MimeMessage(sender.session(), new ByteArrayInputStream(got.get(0).data()));
      assertEquals("[FIRING:1] HostHighCpu web-1", m.getSubject());
      assertEquals("<abc123@hostwatch.alert-webhook>", m.getMessageID());
    }
  }

  @Test
  void anUntrustedCertificateStopsTheSendBeforeAnyCredentialLeaves() throws Exception {
    try (StarttlsSmtpServer smtp = StarttlsSmtpServer.start(dir, "hw", "secret");
        SmtpMailSender sender = sender(smtp.port(), Map.of())) {
      SendResult r = send(sender);
      assertEquals(SendResult.Kind.RETRY, r.kind(), r.reason());
      assertTrue(r.reason().contains("SSLHandshakeException"), r.reason());
      assertEquals(List.of(), smtp.logins());
      assertEquals(List.of(), smtp.received());
    }
  }
}
