package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's TLS path with the real jar: the default {@code tls: starttls} delivers to a
 * STARTTLS-capable server with a self-signed certificate, and logs in only after the upgrade. The
 * certificate is trusted either through the JVM's standard {@code javax.net.ssl.trustStore} or
 * through {@code smtp.ca_file}.
 */
class StarttlsIT {
  @TempDir Path dir;

  @Test
  void theServiceDeliversOverStarttlsWithAuthAfterTheUpgrade() throws Exception {
    try (StarttlsSmtpServer smtp = StarttlsSmtpServer.start(dir, "hw", "secret")) {
      List<String> jvm =
          List.of(
              "-Djavax.net.ssl.trustStore=" + smtp.trustStore(),
              "-Djavax.net.ssl.trustStorePassword=" + StarttlsSmtpServer.STORE_PASSWORD,
              "-Djavax.net.ssl.trustStoreType=PKCS12");
      deliversOverStarttls(smtp, "", jvm);
    }
  }

  @Test
  void aCaFileTrustsAPrivateCaWithoutTheJvmTrustStore() throws Exception {
    try (StarttlsSmtpServer smtp = StarttlsSmtpServer.start(dir, "hw", "secret")) {
      deliversOverStarttls(smtp, ", ca_file: " + smtp.certificatePem(), List.of());
    }
  }

  private void deliversOverStarttls(StarttlsSmtpServer smtp, String extraSmtpKeys, List<String> jvm)
      throws Exception {
    Path config = dir.resolve("alert-webhook.yml");
    // No tls key: starttls is the default, and required.
    Files.writeString(
        config,
        "smtp: {host: 127.0.0.1, port: "
            + smtp.port()
            + ", username: hw, password: secret, from: hw@example.com, timeout: 10s"
            + extraSmtpKeys
            + "}\n"
            + "default_to: [ops@example.com]\n");
    try (WebhookProcess webhook =
        WebhookProcess.start(
            dir,
            "alert-webhook",
            null,
            jvm,
            "--config.file=" + config,
            "--storage.path=" + dir.resolve("data"))) {
      String body = WebhookProcess.notification("tls-group", "TlsPath", "web-1");
      assertEquals(200, webhook.post("/alert/ops", body).statusCode());
      for (int i = 0; i < 600 && smtp.received().isEmpty(); i++) {
        Thread.sleep(100);
      }
      List<StarttlsSmtpServer.Received> got = smtp.received();
      assertEquals(1, got.size(), "emails received; log:\n" + webhook.process.log());
      assertTrue(got.get(0).overTls(), "message data sent before STARTTLS");
      assertEquals("ops@example.com", got.get(0).to());
      assertEquals(List.of(new StarttlsSmtpServer.Login("hw", true)), smtp.logins());
      MimeMessage m =
          new MimeMessage(
              Session.getInstance(new Properties()), new ByteArrayInputStream(got.get(0).data()));
      assertEquals("[FIRING:1] TlsPath web-1", m.getSubject());
      // The server has the data before the client reads its 250 and counts the send.
      for (int i = 0; i < 100 && webhook.metric(WebhookMetrics.SENT) < 1; i++) {
        Thread.sleep(100);
      }
      assertEquals(1, webhook.metric(WebhookMetrics.SENT));
    }
  }
}
