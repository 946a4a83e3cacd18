package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's whole path, every part a real process on 127.0.0.1: rules-gen writes the configuration
 * from a threshold file; Prometheus scrapes the exporter; a busy loop pushes the host's CPU over
 * the generated threshold; the alert fires, Alertmanager routes it, the alert-webhook writes the
 * email (subject, recipient, chart); the load stops and the resolved email follows. A second
 * exporter registered through the registry becomes a target with no file edited.
 */
class WholeStackIT {
  private static final Duration UP = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<RealProcess> processes = new ArrayList<>();
  private final AtomicBoolean busy = new AtomicBoolean();
  @TempDir Path dir;

  @AfterEach
  void stopAll() throws InterruptedException {
    busy.set(false);
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private RealProcess start(String name, List<String> command, String readyUrl) throws Exception {
    RealProcess p = RealProcess.start(name, dir, command);
    processes.add(p);
    return p.awaitReady(readyUrl, UP);
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void thresholdToEmailAndBackAndDiscoveryWithoutEditingAFile() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    Path alertmanager = Binaries.require("prometheus-alertmanager");
    int prom = FreePorts.next();
    int am = FreePorts.next();
    int exporter = FreePorts.next();
    int exporter2 = FreePorts.next();
    int webhook = FreePorts.next();
    int registry = FreePorts.next();
    Path thresholds = dir.resolve("thresholds.yml");
    Files.writeString(
        thresholds,
        String.join(
            "\n",
            "selector: 'job=\"node\"'",
            "scrape_interval: 1s",
            "evaluation_interval: 1s",
            "defaults: {for: 3s, keep_firing_for: 0s}",
            "thresholds:",
            "  cpu: {warning: 80}",
            "targets:",
            "  static: ['127.0.0.1:" + exporter + "']",
            "  http_sd: ['http://127.0.0.1:" + registry + "/api/v1/targets']",
            "prometheus_url: http://127.0.0.1:" + prom,
            "alertmanager_url: http://127.0.0.1:" + am,
            "webhook_url: http://127.0.0.1:" + webhook,
            "notify:",
            "  - match: {severity: warning}",
            "    email: [team@example.com]",
            ""));
    Path out = dir.resolve("config");
    RulesGen.generate(thresholds, out);
    // Only timings change, so the test takes a minute rather than an hour: Alertmanager's
    // grouping waits and the http_sd refresh.
    RulesGen.tune(
        out.resolve("alertmanager/alertmanager.yml"), "group_wait: 30s", "group_wait: 1s");
    RulesGen.tune(
        out.resolve("alertmanager/alertmanager.yml"), "group_interval: 5m", "group_interval: 1s");
    RulesGen.tune(
        out.resolve("prometheus/prometheus.yml"),
        "/api/v1/targets\n",
        "/api/v1/targets\n        refresh_interval: 1s\n");

    Path storage = dir.resolve("webhook");
    // Registering needs credentials: a bearer token the second exporter reads from a file.
    Path registryToken = Files.writeString(dir.resolve("registry-token"), "e2e-token\n");
    Path registryWeb =
        Files.writeString(dir.resolve("registry-web.yml"), "bearer_token_file: registry-token\n");
    start(
        "registry",
        RealProcess.javaJar(
            ModuleJars.of("registry"),
            "--web.listen-address=127.0.0.1:" + registry,
            "--web.config.file=" + registryWeb,
            "--storage.path=" + dir.resolve("registry")),
        "http://127.0.0.1:" + registry + "/-/ready");
    start(
        "exporter",
        RealProcess.javaJar(
            ModuleJars.of("exporter"), "--web.listen-address=127.0.0.1:" + exporter),
        "http://127.0.0.1:" + exporter + "/-/ready");
    start(
        "alert-webhook",
        RealProcess.javaJar(
            ModuleJars.of("alert-webhook"),
            "--web.listen-address=127.0.0.1:" + webhook,
            "--config.file=" + out.resolve("alert-webhook/alert-webhook.yml"),
            "--storage.path=" + storage),
        "http://127.0.0.1:" + webhook + "/-/ready");
    start(
        "alertmanager",
        List.of(
            alertmanager.toString(),
            "--config.file=" + out.resolve("alertmanager/alertmanager.yml"),
            "--storage.path=" + dir.resolve("am"),
            "--web.listen-address=127.0.0.1:" + am,
            "--web.external-url=http://127.0.0.1:" + am + "/",
            "--cluster.listen-address="),
        "http://127.0.0.1:" + am + "/-/ready");
    start(
        "prometheus",
        List.of(
            prometheus.toString(),
            "--config.file=" + out.resolve("prometheus/prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + prom,
            "--web.external-url=http://127.0.0.1:" + prom + "/"),
        "http://127.0.0.1:" + prom + "/-/ready");

    // Discovery: a second exporter registers itself and becomes a target, no file edited.
    start(
        "exporter-2",
        RealProcess.javaJar(
            ModuleJars.of("exporter"),
            "--web.listen-address=127.0.0.1:" + exporter2,
            "--discovery.url=http://127.0.0.1:" + registry,
            "--discovery.address=127.0.0.1:" + exporter2,
            "--discovery.bearer-token-file=" + registryToken,
            "--discovery.label=role=web"),
        "http://127.0.0.1:" + exporter2 + "/-/ready");
    String upQuery =
        "http://127.0.0.1:"
            + prom
            + "/api/v1/query?query=up%7Binstance%3D%22127.0.0.1%3A"
            + exporter2
            + "%22%2Crole%3D%22web%22%7D";
    awaitTrue(() -> get(upQuery).contains("\"1\"]"), Duration.ofSeconds(90), "exporter-2 up");

    // Load: spin every core until the warning email is written.
    Path sent = storage.resolve("sent");
    Thread[] spinners = new Thread[Runtime.getRuntime().availableProcessors()];
    busy.set(true);
    for (int i = 0; i < spinners.length; i++) {
      spinners[i] =
          new Thread(
              () -> {
                long x = 0;
                while (busy.get()) {
                  x += System.nanoTime() % 7;
                }
                if (x == 42) {
                  System.out.print("");
                }
              });
      spinners[i].setDaemon(true);
      spinners[i].start();
    }
    // Both exporters run on this machine, so both may cross the level; alerts are grouped by
    // alertname and severity, so they arrive together as [FIRING:2] when they do.
    MimeMessage firing =
        awaitEmail(
            sent,
            m -> subject(m).matches("\\[FIRING:[12]\\] HostHighCpu .*"),
            Duration.ofMinutes(3));
    busy.set(false);
    assertEquals("team@example.com", firing.getRecipients(Message.RecipientType.TO)[0].toString());
    assertTrue(firing.getSubject().contains("127.0.0.1"), firing.getSubject());
    assertTrue(hasPart(firing, "image/png"), "the email carries the chart");
    assertTrue(hasPart(firing, "text/plain") && hasPart(firing, "text/html"), "both parts");

    MimeMessage resolved =
        awaitEmail(
            sent, m -> subject(m).startsWith("[RESOLVED] HostHighCpu"), Duration.ofMinutes(4));
    assertEquals(
        "team@example.com", resolved.getRecipients(Message.RecipientType.TO)[0].toString());
  }

  private static String subject(MimeMessage m) {
    try {
      return String.valueOf(m.getSubject());
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void awaitTrue(Check check, Duration timeout, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!check.ok()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(500);
    }
  }

  private MimeMessage awaitEmail(Path folder, Predicate<MimeMessage> match, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      seen.clear();
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path eml : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
            try (InputStream in = Files.newInputStream(eml)) {
              MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
              seen.add(m.getSubject());
              if (match.test(m)) {
                return m;
              }
            }
          }
        }
      }
      Thread.sleep(1000);
    }
    StringBuilder logs = new StringBuilder();
    for (RealProcess p : processes) {
      logs.append("\n--- ").append(p.pid()).append('\n').append(tail(p.log()));
    }
    throw new AssertionError("no matching email in " + folder + "; saw " + seen + logs);
  }

  private static String tail(String log) {
    return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
  }

  private static boolean hasPart(Part part, String mimeType) throws Exception {
    if (part.isMimeType(mimeType)) {
      return true;
    }
    if (part.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart child = mp.getBodyPart(i);
        if (hasPart(child, mimeType)) {
          return true;
        }
      }
    }
    return false;
  }
}
