package io.hostwatch.alertwebhook.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.hostwatch.alertwebhook.GreenMails;
import io.hostwatch.alertwebhook.config.TlsMode;
import io.hostwatch.alertwebhook.render.InlineImage;
import io.hostwatch.alertwebhook.render.RenderedEmail;
import io.hostwatch.alertwebhook.spool.SendResult;
import io.hostwatch.common.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpMailSenderTest {
  private static final RenderedEmail EMAIL =
      new RenderedEmail(
          "[FIRING:1] HostHighCpu web-1",
          "<p>html <img src=\"cid:chart-0@hostwatch\"></p>",
          "text",
          List.of(
              new InlineImage(
                  "chart-0@hostwatch", "chart-1.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})));

  private static SmtpSettings settings(int port, TlsMode tls, String user) {
    return new SmtpSettings(
        "127.0.0.1",
        port,
        tls,
        user,
        user == null ? null : "secret",
        "hw@example.com",
        Duration.ofSeconds(5),
        null);
  }

  private static SendResult send(SmtpMailSender sender, String to) throws Exception {
    MimeMessage m =
        MessageBuilder.build(
            sender.session(), EMAIL, "hw@example.com", List.of(to), "abc123", Instant.now());
    return sender.send(m);
  }

  @Test
  void sendsWithAuthOverPlainSmtpAndKeepsBothPartsAndTheChart() throws Exception {
    GreenMail mail = new GreenMail(GreenMails.setup("smtp"));
    mail.start();
    try {
      mail.setUser("hw@example.com", "hw", "secret");
      mail.getManagers().getSmtpManager(); // auth is accepted for the known user
      try (SmtpMailSender sender =
          new SmtpMailSender(settings(mail.getSmtp().getPort(), TlsMode.NONE, "hw"))) {
        assertEquals(SendResult.Kind.SENT, send(sender, "ops@example.com").kind());
        assertEquals(SendResult.Kind.SENT, send(sender, "ops@example.com").kind());
      }
      MimeMessage[] got = mail.getReceivedMessages();
      assertEquals(2, got.length);
      assertEquals("[FIRING:1] HostHighCpu web-1", got[0].getSubject());
      assertEquals("<abc123@hostwatch.alert-webhook>", got[0].getMessageID());
      MimeMultipart related = (MimeMultipart) got[0].getContent();
      assertTrue(related.getContentType().startsWith("multipart/related"));
      assertEquals(
          "<chart-0@hostwatch>",
          ((jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1)).getContentID());
      String body = GreenMailUtil.getBody(got[0]);
      assertTrue(body.contains("text/plain") && body.contains("text/html"), body);
    } finally {
      mail.stop();
    }
  }

  @Test
  void implicitTlsOnSmtps() throws Exception {
    GreenMail mail = new GreenMail(GreenMails.setup("smtps"));
    mail.start();
    try (SmtpMailSender sender =
        new SmtpMailSender(
            settings(mail.getSmtps().getPort(), TlsMode.TLS, null),
            Map.of("mail.smtps.ssl.trust", "*", "mail.smtps.ssl.checkserveridentity", "false"))) {
      assertEquals(SendResult.Kind.SENT, send(sender, "ops@example.com").kind());
      assertEquals(1, mail.getReceivedMessages().length);
    } finally {
      mail.stop();
    }
  }

  @Test
  void starttlsIsRequiredByDefaultSoAPlainServerGetsNothing() throws Exception {
    // GreenMail 2.1 does not offer STARTTLS: exactly the server we must refuse to talk to.
    GreenMail mail = new GreenMail(GreenMails.setup("smtp"));
    mail.start();
    try (SmtpMailSender sender =
        new SmtpMailSender(settings(mail.getSmtp().getPort(), TlsMode.STARTTLS, null))) {
      SendResult r = send(sender, "ops@example.com");
      assertEquals(SendResult.Kind.RETRY, r.kind());
      assertTrue(r.reason().contains("STARTTLS"), r.reason());
      assertEquals(0, mail.getReceivedMessages().length);
    } finally {
      mail.stop();
    }
  }

  @Test
  void connectionRefusedIsAnOutage() throws Exception {
    try (SmtpMailSender sender =
        new SmtpMailSender(settings(FreePorts.next(), TlsMode.NONE, null))) {
      SendResult r = send(sender, "ops@example.com");
      assertEquals(SendResult.Kind.RETRY, r.kind());
      assertTrue(r.outage());
    }
  }

  @Test
  void smtp5xxIsPermanentAnd4xxRetryable() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 no such user");
        SmtpMailSender sender = new SmtpMailSender(settings(server.port(), TlsMode.NONE, null))) {
      SendResult r = send(sender, "nobody@example.com");
      assertEquals(SendResult.Kind.PERMANENT, r.kind(), r.reason());
      assertTrue(r.reason().startsWith("SMTP 550"), r.reason());
    }
    try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 try again later");
        SmtpMailSender sender = new SmtpMailSender(settings(server.port(), TlsMode.NONE, null))) {
      SendResult r = send(sender, "ops@example.com");
      assertEquals(SendResult.Kind.RETRY, r.kind(), r.reason());
      assertTrue(r.reason().startsWith("SMTP 451"), r.reason());
    }
  }
}
