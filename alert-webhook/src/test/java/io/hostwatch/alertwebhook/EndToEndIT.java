package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.RealProcess;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Prometheus scraping a target whose CPU the test turns down, with a threshold rule → Debian's
 * Alertmanager (gossip off, bearer token in http_config) → the alert-webhook jar → GreenMail.
 */
class EndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  @TempDir Path dir;

  @Test
  void prometheusAlertBecomesAFiringThenAResolvedEmail() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    Path alertmanager = Binaries.require("prometheus-alertmanager");
    int promPort = FreePorts.next();
    int amPort = FreePorts.next();
    GreenMail mail = new GreenMail(GreenMails.setup("smtp"));
    mail.start();
    // The scrape target: a host whose CPU is busy until the test says otherwise.
    AtomicInteger cpu = new AtomicInteger(95);
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
    target.createContext(
        "/metrics",
        ex -> {
          byte[] body =
              ("# TYPE e2e_cpu_busy_percent gauge\ne2e_cpu_busy_percent " + cpu.get() + "\n")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    target.start();
    Files.writeString(dir.resolve("web.yml"), "bearer_tokens: [e2e-token]\n");
    Files.writeString(
        dir.resolve("alert-webhook.yml"),
        "smtp: {host: 127.0.0.1, port: "
            + mail.getSmtp().getPort()
            + ", tls: none, from: hostwatch@example.com}\n"
            + "routes:\n"
            + "  - receiver: critical\n    match: {severity: critical}\n    to: [oncall@example.com]\n"
            + "default_to: [ops@example.com]\ntime_zone: UTC\n"
            // As rules-gen writes it: charts are only ever queried from the configured Prometheus.
            + "links: {prometheus_url: http://127.0.0.1:"
            + promPort
            + "}\n");
    try (WebhookProcess webhook =
        WebhookProcess.start(
            dir,
            "alert-webhook",
            "Bearer e2e-token",
            "--config.file=" + dir.resolve("alert-webhook.yml"),
            "--web.config.file=" + dir.resolve("web.yml"),
            "--storage.path=" + dir.resolve("webhook-data"))) {
      Files.writeString(
          dir.resolve("am.yml"),
          "route:\n  receiver: critical\n  group_by: [alertname]\n  group_wait: 1s\n"
              + "  group_interval: 2s\n  repeat_interval: 1h\n"
              + "receivers:\n  - name: critical\n    webhook_configs:\n"
              + "      - url: http://127.0.0.1:"
              + webhook.port
              + "/alert/critical\n        send_resolved: true\n"
              + "        http_config:\n          authorization: {type: Bearer, credentials: e2e-token}\n");
      Files.writeString(
          dir.resolve("rules.yml"),
          "groups:\n  - name: e2e\n    interval: 1s\n    rules:\n      - alert: HostHighCpu\n"
              + "        expr: e2e_cpu_busy_percent > 80\n"
              + "        labels: {severity: critical}\n"
              + "        annotations: {summary: 'CPU busy on web-1', description: 'at {{ $value }}%'}\n");
      Files.writeString(
          dir.resolve("prometheus.yml"),
          "global: {evaluation_interval: 1s, scrape_interval: 1s}\nrule_files: [rules.yml]\n"
              + "scrape_configs:\n  - job_name: node\n    static_configs:\n"
              + "      - targets: ['127.0.0.1:"
              + target.getAddress().getPort()
              + "']\n        labels: {instance: 'web-1:9110'}\n"
              + "alerting:\n  alertmanagers:\n    - static_configs: [{targets: ['127.0.0.1:"
              + amPort
              + "']}]\n");
      try (RealProcess am =
              RealProcess.start(
                  "alertmanager",
                  dir,
                  List.of(
                      alertmanager.toString(),
                      "--config.file=" + dir.resolve("am.yml"),
                      "--storage.path=" + dir.resolve("am-data"),
                      "--web.listen-address=127.0.0.1:" + amPort,
                      "--web.external-url=http://127.0.0.1:" + amPort,
                      "--cluster.listen-address="));
          RealProcess prom =
              RealProcess.start(
                  "prometheus",
                  dir,
                  List.of(
                      prometheus.toString(),
                      "--config.file=" + dir.resolve("prometheus.yml"),
                      "--storage.tsdb.path=" + dir.resolve("prom-data"),
                      "--web.listen-address=127.0.0.1:" + promPort,
                      "--web.external-url=http://127.0.0.1:" + promPort))) {
        am.awaitReady("http://127.0.0.1:" + amPort + "/-/ready", WAIT);
        prom.awaitReady("http://127.0.0.1:" + promPort + "/-/ready", WAIT);

        assertTrue(
            mail.waitForIncomingEmail(WAIT.toMillis(), 1),
            "no firing email\n" + prom.log() + am.log() + webhook.process.log());
        MimeMessage firing = mail.getReceivedMessages()[0];
        assertEquals("[FIRING:1] HostHighCpu web-1", firing.getSubject());
        assertEquals("oncall@example.com", firing.getAllRecipients()[0].toString());
        assertFiringContent(firing, amPort);

        cpu.set(10); // the host calms down: the alert resolves

        assertTrue(
            mail.waitForIncomingEmail(WAIT.toMillis(), 2),
            "no resolved email\n" + prom.log() + am.log() + webhook.process.log());
        MimeMessage resolved = mail.getReceivedMessages()[1];
        assertEquals("[RESOLVED] HostHighCpu web-1", resolved.getSubject());
        String html = htmlOf(resolved);
        assertTrue(html.contains("RESOLVED"), html);
        assertEquals(2, mail.getReceivedMessages().length);
      }
    } finally {
      target.stop(0);
      mail.stop();
    }
  }

  private static void assertFiringContent(MimeMessage firing, int amPort) throws Exception {
    MimeMultipart related = (MimeMultipart) firing.getContent();
    assertTrue(related.getContentType().startsWith("multipart/related"), related.getContentType());
    MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
    assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
    assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
    String text = (String) alternative.getBodyPart(0).getContent();
    String html = (String) alternative.getBodyPart(1).getContent();
    assertTrue(text.contains("CPU busy on web-1"), text);
    assertTrue(html.contains("CPU busy on web-1"), html);

    BodyPart chart = related.getBodyPart(1);
    assertTrue(chart.isMimeType("image/png"), chart.getContentType());
    String cid = ((MimeBodyPart) chart).getContentID();
    assertNotNull(cid);
    assertTrue(html.contains("src=\"cid:" + cid.substring(1, cid.length() - 1) + "\""), html);
    BufferedImage image = ImageIO.read(chart.getInputStream());
    assertTrue(image.getWidth() > 0 && image.getHeight() > 0);

    String silence =
        "http://127.0.0.1:" + amPort + "/#/silences/new?filter=%7Balertname%3D%22HostHighCpu%22";
    assertTrue(html.contains(silence), html);
    assertTrue(html.contains("instance%3D%22web-1%3A9110%22"), html);
  }

  private static String htmlOf(MimeMessage m) throws Exception {
    Object content = m.getContent();
    MimeMultipart mp = (MimeMultipart) content;
    if (mp.getContentType().startsWith("multipart/related")) {
      mp = (MimeMultipart) mp.getBodyPart(0).getContent();
    }
    return (String) mp.getBodyPart(1).getContent();
  }
}
