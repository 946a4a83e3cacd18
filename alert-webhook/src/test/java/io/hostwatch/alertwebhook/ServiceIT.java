package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.icegreen.greenmail.util.GreenMail;
import io.hostwatch.common.testing.Binaries;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar against GreenMail: acknowledgements, dedup, rejections, metrics, shutdown. */
class ServiceIT {
  private static final String TOKEN = "Bearer s3cret-token";
  @TempDir Path dir;
  private GreenMail mail;
  private WebhookProcess webhook;

  @BeforeEach
  void start() throws Exception {
    mail = new GreenMail(GreenMails.setup("smtp"));
    mail.start();
    Path config = dir.resolve("alert-webhook.yml");
    Files.writeString(
        config,
        "smtp:\n  host: 127.0.0.1\n  port: "
            + mail.getSmtp().getPort()
            + "\n  tls: none\n  from: hostwatch@example.com\n"
            + "default_to: [ops@example.com]\n");
    Path web = dir.resolve("web.yml");
    String hash =
        BCrypt.withDefaults().hashToString(4, "am-password".toCharArray()); // cost 4: fast test
    Files.writeString(
        web, "bearer_tokens: [s3cret-token]\nbasic_auth_users:\n  alertmanager: '" + hash + "'\n");
    webhook =
        WebhookProcess.start(
            dir,
            "alert-webhook",
            TOKEN,
            "--config.file=" + config,
            "--web.config.file=" + web,
            "--storage.path=" + dir.resolve("data"),
            // Every request starts a journal segment, so a broken outbox folder shows on the
            // next request, as a full disk would, and rotation is exercised throughout.
            "--storage.segment-size=1",
            "--web.max-request-bytes=20000");
  }

  @AfterEach
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
    mail.stop();
  }

  @Test
  void aDuplicatePostGivesOneEmail() throws Exception {
    String body = WebhookProcess.notification("g1", "HostHighCpu", "web-1");
    assertEquals(200, webhook.post("/alert/ops", body).statusCode());
    assertEquals(200, webhook.post("/alert/ops", body).statusCode());
    assertTrue(mail.waitForIncomingEmail(30_000, 1));
    // Give a wrongly sent second copy ample time to arrive; the dedup counter says when it is safe.
    for (int i = 0; i < 100 && webhook.metric(WebhookMetrics.DEDUPLICATED) < 1; i++) {
      Thread.sleep(100);
    }
    assertEquals(1, webhook.metric(WebhookMetrics.DEDUPLICATED));
    assertEquals(1, mail.getReceivedMessages().length);
    assertEquals("[FIRING:1] HostHighCpu web-1", mail.getReceivedMessages()[0].getSubject());
    assertEquals("ops@example.com", mail.getReceivedMessages()[0].getAllRecipients()[0].toString());
  }

  @Test
  void badRequestsAreRefusedAndTheServiceKeepsServing() throws Exception {
    HttpResponse<String> malformed = webhook.post("/alert", "{\"alerts\": [");
    assertEquals(400, malformed.statusCode());
    assertTrue(malformed.body().startsWith("malformed JSON"), malformed.body());
    assertEquals(400, webhook.post("/alert", "{\"alerts\": []}").statusCode());
    byte[] big = new byte[30_000];
    java.util.Arrays.fill(big, (byte) ' ');
    assertEquals(413, webhook.post("/alert", big, TOKEN).statusCode());
    byte[] body = WebhookProcess.notification("g2", "HostDown", "db-1").getBytes();
    assertEquals(401, webhook.post("/alert", body, null).statusCode());
    assertEquals(401, webhook.post("/alert", body, "Bearer wrong").statusCode());
    assertEquals(401, webhook.post("/alert", body, basic("alertmanager", "wrong")).statusCode());
    assertEquals(0, mail.getReceivedMessages().length);

    assertEquals(
        200, webhook.post("/alert", body, basic("alertmanager", "am-password")).statusCode());
    assertTrue(mail.waitForIncomingEmail(30_000, 1));
    assertEquals("[FIRING:1] HostDown db-1", mail.getReceivedMessages()[0].getSubject());
    assertEquals(
        2, webhook.metric(WebhookMetrics.REJECTED.replace("_total", "_total{code=\"400\"}")));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void anUnwritableOutboxIs503AndRecovers() throws Exception {
    Path outbox = dir.resolve("data").resolve("outbox");
    Path aside = dir.resolve("outbox.aside");
    Files.move(outbox, aside);
    Files.writeString(outbox, "not a directory");
    String body = WebhookProcess.notification("g3", "HostDown", "db-2");
    assertEquals(503, webhook.post("/alert", body).statusCode());
    Files.delete(outbox);
    Files.move(aside, outbox);
    assertEquals(200, webhook.post("/alert", body).statusCode());
    assertTrue(mail.waitForIncomingEmail(30_000, 1));
  }

  @Test
  void metricsPassPromtoolAndSigtermStopsCleanly() throws Exception {
    Path promtool = Binaries.require("promtool");
    assertEquals(
        200, webhook.post("/alert", WebhookProcess.notification("g4", "A", "h")).statusCode());
    assertTrue(mail.waitForIncomingEmail(30_000, 1));
    String metrics = webhook.get("/metrics").body();
    for (String name :
        List.of(
            WebhookMetrics.RECEIVED,
            WebhookMetrics.QUEUED,
            WebhookMetrics.SENT,
            WebhookMetrics.RETRIED,
            WebhookMetrics.DEAD_LETTERED,
            WebhookMetrics.DEDUPLICATED,
            WebhookMetrics.RENDER_ERRORS,
            WebhookMetrics.OUTBOX_DEPTH,
            WebhookMetrics.SEND_DURATION + "_count")) {
      assertTrue(metrics.contains("\n" + name), name);
    }
    assertEquals(1, webhook.metric(WebhookMetrics.SENT));
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    check.getOutputStream().write(metrics.getBytes());
    check.getOutputStream().close();
    String out = new String(check.getInputStream().readAllBytes());
    assertTrue(check.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, check.exitValue(), out);

    webhook.process.process().destroy(); // SIGTERM
    assertTrue(webhook.process.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, webhook.process.process().exitValue(), "a SIGTERM stop is a clean exit");
    webhook = null;
  }
}
