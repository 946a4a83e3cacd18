package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.hostwatch.common.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's outage test: SMTP down, 200 notifications acknowledged, alert-webhook SIGKILLed and
 * restarted, SMTP back: exactly 200 emails, none twice.
 */
class OutageIT {
  private static final int COUNT = 200;
  @TempDir Path dir;

  @Test
  void everyAcknowledgedNotificationIsDeliveredExactlyOnceAfterAKill() throws Exception {
    int smtpPort = FreePorts.next(); // nothing listens yet: connection refused
    Path config = dir.resolve("alert-webhook.yml");
    Files.writeString(
        config,
        "smtp: {host: 127.0.0.1, port: "
            + smtpPort
            + ", tls: none, from: hw@example.com, timeout: 5s}\ndefault_to: [ops@example.com]\n");
    String[] flags = {
      "--config.file=" + config,
      "--storage.path=" + dir.resolve("data"),
      "--delivery.backoff-initial=100ms",
      "--delivery.backoff-max=1s"
    };
    WebhookProcess first = WebhookProcess.start(dir, "alert-webhook-1", null, flags);
    try {
      for (int i = 0; i < COUNT; i++) {
        String body = WebhookProcess.notification("group-" + i, "Outage", "host-" + i);
        assertEquals(200, first.post("/alert/ops", body).statusCode(), "notification " + i);
      }
      assertEquals(COUNT, first.metric(WebhookMetrics.OUTBOX_DEPTH));
      assertTrue(first.metric(WebhookMetrics.RETRIED) >= 1, "delivery was tried and failed");
      assertEquals(0, first.metric(WebhookMetrics.SENT));
    } finally {
      first.kill(); // SIGKILL: no shutdown hook runs
    }

    WebhookProcess second = WebhookProcess.start(dir, "alert-webhook-2", null, flags);
    GreenMail mail = new GreenMail(GreenMails.setup("smtp", smtpPort));
    mail.start();
    try {
      assertTrue(
          mail.waitForIncomingEmail(120_000, COUNT),
          "only " + mail.getReceivedMessages().length + " emails arrived");
      // Drained: the outbox is empty, so nothing more can be on its way.
      for (int i = 0; i < 100 && second.metric(WebhookMetrics.OUTBOX_DEPTH) > 0; i++) {
        Thread.sleep(100);
      }
      assertEquals(0, second.metric(WebhookMetrics.OUTBOX_DEPTH));
      MimeMessage[] got = mail.getReceivedMessages();
      Set<String> subjects = new HashSet<>();
      for (MimeMessage m : got) {
        assertTrue(subjects.add(m.getSubject()), "twice: " + m.getSubject());
      }
      assertEquals(COUNT, got.length);
      assertTrue(subjects.contains("[FIRING:1] Outage host-0"));
      assertTrue(subjects.contains("[FIRING:1] Outage host-" + (COUNT - 1)));
    } finally {
      second.close();
      mail.stop();
    }
  }
}
