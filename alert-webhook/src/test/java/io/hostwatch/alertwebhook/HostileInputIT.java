package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hostwatch.alertwebhook.spool.Outbox;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar (with the launcher's heap flags) against payloads and Prometheus answers an
 * attacker, or an unlucky sender, would produce. Each test ends with the service still delivering:
 * mail goes to the {@code .eml} outbox, so what a reader would get is checked as written.
 */
class HostileInputIT {
  /** The launcher's JVM flags for the alert-webhook (bin/.launch). */
  private static final List<String> LAUNCHER_JVM =
      List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");

  private static final Duration MAIL_WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private WebhookProcess webhook;

  @AfterEach
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private HostileListener listener(HostileListener.Behaviour b) throws IOException {
    HostileListener l = new HostileListener(b);
    open.add(l);
    return l;
  }

  private Path storage() {
    return dir.resolve("data");
  }

  private WebhookProcess start(String prometheusUrl) throws Exception {
    Path config = dir.resolve("alert-webhook.yml");
    Files.writeString(
        config,
        "default_to: [ops@example.com]\n"
            + (prometheusUrl == null ? "" : "links:\n  prometheus_url: " + prometheusUrl + "\n"));
    webhook =
        WebhookProcess.start(
            dir,
            "alert-webhook",
            null,
            LAUNCHER_JVM,
            "--config.file=" + config,
            "--storage.path=" + storage(),
            "--prometheus.timeout=2s");
    return webhook;
  }

  // ---- payloads ----

  private static ObjectNode notification(String groupKey, ObjectNode... alerts) {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", "4").put("groupKey", groupKey).put("status", "firing");
    n.put("receiver", "ops").put("externalURL", "http://127.0.0.1:9093").put("truncatedAlerts", 0);
    n.putObject("groupLabels").put("alertname", "HostHighCpu");
    n.putObject("commonLabels");
    n.putObject("commonAnnotations");
    ArrayNode list = n.putArray("alerts");
    for (ObjectNode a : alerts) {
      list.add(a);
    }
    return n;
  }

  private static ObjectNode alert(String name, String host, String generatorUrl) {
    ObjectNode a = JSON.createObjectNode();
    a.put("status", "firing");
    a.putObject("labels").put("alertname", name).put("instance", host + ":9100");
    a.putObject("annotations").put("summary", "busy on " + host);
    a.put("startsAt", "2026-01-01T10:00:00Z").put("endsAt", "0001-01-01T00:00:00Z");
    a.put("generatorURL", generatorUrl).put("fingerprint", "fp-" + name + "-" + host);
    return a;
  }

  private static String graph(String base, String expr) {
    return base + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
  }

  private int post(ObjectNode n) throws Exception {
    return webhook.post("/alert", JSON.writeValueAsString(n)).statusCode();
  }

  // ---- the outbox of .eml files ----

  private List<Path> emls() throws IOException {
    Path sent = storage().resolve("sent");
    if (!Files.isDirectory(sent)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(sent)) {
      return files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
  }

  /** The first email whose raw text contains {@code marker}, waiting for it. */
  private MimeMessage awaitMail(String marker) throws Exception {
    long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(webhook.process.process().isAlive(), "webhook died:\n" + webhook.process.log());
      for (Path p : emls()) {
        String raw = Files.readString(p, StandardCharsets.UTF_8);
        if (raw.contains(marker)) {
          try (InputStream in = Files.newInputStream(p)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no email containing \""
            + marker
            + "\" within "
            + MAIL_WAIT
            + ":\n"
            + webhook.process.log());
  }

  /** Text and HTML parts of a message (images left out). */
  private static List<String> textParts(Object content) throws Exception {
    List<String> out = new ArrayList<>();
    if (content instanceof String s) {
      out.add(s);
    } else if (content instanceof Multipart m) {
      for (int i = 0; i < m.getCount(); i++) {
        BodyPart part = m.getBodyPart(i);
        if (part.isMimeType("text/*") || part.isMimeType("multipart/*")) {
          out.addAll(textParts(part.getContent()));
        }
      }
    }
    return out;
  }

  private static String allText(MimeMessage m) throws Exception {
    return m.getSubject() + "\n" + String.join("\n", textParts(m.getContent()));
  }

  private List<Path> deadReasons() throws IOException {
    Path dead = storage().resolve("dead");
    try (Stream<Path> files = Files.list(dead)) {
      return files.filter(p -> p.toString().endsWith(".reason")).toList();
    }
  }

  // ---- 1, 2: where the chart query goes, and what its answer can cost ----

  @Test
  void theChartQueryGoesOnlyToTheConfiguredPrometheusAndAHugeAnswerCostsOnlyTheChart()
      throws Exception {
    HostileListener named = listener(HostileListener::hugeBody);
    HostileListener prometheus = listener(HostileListener::hugeBody);
    start(prometheus.url());
    String generator = graph(named.url() + "/anything", "instance:node_cpu_busy:percent > 80");
    assertEquals(200, post(notification("g-huge", alert("HugeAnswer", "web-1", generator))));

    MimeMessage mail = awaitMail("HugeAnswer");
    assertTrue(allText(mail).contains("busy on web-1"));
    assertEquals(List.of(), named.requests, "the payload's generatorURL host was queried");
    assertFalse(prometheus.requests.isEmpty(), "the configured Prometheus was not asked");
    assertTrue(prometheus.requests.get(0).startsWith("POST /api/v1/query_range"));
    assertTrue(webhook.metric(WebhookMetrics.CHART_ERRORS) >= 1);
    // And it keeps delivering.
    assertEquals(200, post(notification("g-after", alert("AfterHuge", "web-2", ""))));
    awaitMail("AfterHuge");
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowed() throws Exception {
    HostileListener internal = listener(HostileListener::matrix);
    HostileListener prometheus =
        listener(
            ex -> {
              ex.getResponseHeaders()
                  .set("Location", internal.url() + "/internal/admin/delete?id=42");
              ex.sendResponseHeaders(302, -1);
            });
    start(prometheus.url());
    String generator = graph("http://127.0.0.1:9", "node_load1 > 4");
    assertEquals(200, post(notification("g-redirect", alert("Redirected", "web-1", generator))));
    awaitMail("Redirected");
    assertEquals(1, prometheus.requests.size(), prometheus.requests.toString());
    assertEquals(List.of(), internal.requests);
  }

  // ---- 3: a slow Prometheus ----

  @Test
  void aDrippingPrometheusHoldsNoEmailPastTheDeadline() throws Exception {
    HostileListener prometheus = listener(HostileListener::drip);
    start(prometheus.url());
    for (int i = 1; i <= 3; i++) {
      String generator = graph("http://127.0.0.1:9", "node_load1 > " + i);
      assertEquals(
          200, post(notification("g-drip-" + i, alert("Drip" + i, "web-" + i, generator))));
    }
    // Each answer would take 15 minutes to complete; all three emails arrive within the wait.
    for (int i = 1; i <= 3; i++) {
      awaitMail("Drip" + i);
    }
    assertEquals(3, prometheus.requests.size(), prometheus.requests.toString());
  }

  // ---- 4: poison notifications ----

  @Test
  void badTimesAndBadUrlsAreRefusedAtTheDoorOrCostOnlyTheChart() throws Exception {
    start(listener(HostileListener::matrix).url());
    ObjectNode farFuture = alert("FarFuture", "web-1", "");
    farFuture.put("startsAt", "+999999999-12-31T23:59:59-18:00");
    assertEquals(400, post(notification("g-future", farFuture)));

    String pipe = "http://127.0.0.1:9090/graph?g0.expr=up|x{a=\"b\"}>1&g0.tab=1";
    assertEquals(200, post(notification("g-pipe", alert("PipeInUrl", "web-1", pipe))));
    awaitMail("PipeInUrl");
  }

  @Test
  void aPoisonNotificationIsDeadLetteredAndTheNextIsMailedAlsoAfterKillAndRestart()
      throws Exception {
    String prometheus = listener(HostileListener::matrix).url();
    queuePoison("g-poison-1");
    start(prometheus);
    assertEquals(200, post(notification("g-ok-1", alert("AfterPoisonOne", "web-1", ""))));
    awaitMail("AfterPoisonOne");
    List<Path> reasons = awaitDeadReasons(1);
    assertTrue(Files.readString(reasons.get(0)).contains("after year 9999"), reasons.toString());

    webhook.kill(); // SIGKILL
    webhook = null;
    queuePoison("g-poison-2");
    start(prometheus);
    assertEquals(200, post(notification("g-ok-2", alert("AfterPoisonTwo", "web-2", ""))));
    awaitMail("AfterPoisonTwo");
    assertEquals(2, awaitDeadReasons(2).size());
  }

  /**
   * Puts a notification that can never be rendered straight into the outbox, as a version that did
   * not check times at the door would have queued it.
   */
  private void queuePoison(String groupKey) throws Exception {
    ObjectNode poison = alert("Poison", "web-9", "");
    poison.put("startsAt", "+999999999-12-31T23:59:59-18:00");
    byte[] body = JSON.writeValueAsBytes(notification(groupKey, poison));
    try (Outbox outbox = new Outbox(storage())) {
      outbox.append("", body, Instant.now());
    }
  }

  private List<Path> awaitDeadReasons(int count) throws Exception {
    for (int i = 0; i < 300; i++) {
      List<Path> reasons = deadReasons();
      if (reasons.size() >= count) {
        return reasons;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("expected " + count + " dead letters, have " + deadReasons());
  }

  // ---- 5: template injection ----

  @Test
  void labelAndAnnotationValuesAreDataNotTemplates() throws Exception {
    start(null);
    ObjectNode a = alert("Inj{{ 7*7 }}", "web-1", "");
    String loops =
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            + "{% for d in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}";
    ((ObjectNode) a.get("labels")).put("loops", loops);
    ((ObjectNode) a.get("annotations")).put("summary", "dump {{ alerts }} here");
    ObjectNode n = notification("g-inj", a);
    ((ObjectNode) n.get("groupLabels")).put("alertname", "Inj{{ 7*7 }}");
    assertEquals(200, post(n));

    MimeMessage mail = awaitMail("here");
    String text = allText(mail);
    assertTrue(mail.getSubject().contains("Inj{{ 7*7 }}"), mail.getSubject());
    assertFalse(text.contains("Inj49"), text);
    assertTrue(text.contains("dump {{ alerts }} here"), text);
    assertTrue(text.contains("{% for a in range(1000) %}"), "the loops label shown as text");
    assertEquals(200, post(notification("g-after-inj", alert("AfterInjection", "web-2", ""))));
    awaitMail("AfterInjection");
  }

  // ---- 6: an expression built to make a regex backtrack ----

  @Test
  void aHugeExpressionDoesNotStallDelivery() throws Exception {
    start(listener(HostileListener::matrix).url());
    // 1 MB: the backtracking regex this replaced took half a minute at 80 KB, hours at this size.
    String expr = "x" + " > 1".repeat(250_000) + " >";
    assertEquals(
        200, post(notification("g-expr", alert("HugeExpr", "web-1", graph("http://h", expr)))));
    assertEquals(200, post(notification("g-next", alert("AfterHugeExpr", "web-2", ""))));
    awaitMail("HugeExpr");
    awaitMail("AfterHugeExpr");
  }

  // ---- 7: an alert storm ----

  @Test
  void aGroupOf2500AlertsGivesNonEmptyPartsThatStateTheCount() throws Exception {
    start(listener(HostileListener::matrix).url());
    ObjectNode[] alerts = new ObjectNode[2500];
    for (int i = 0; i < alerts.length; i++) {
      alerts[i] =
          alert(
              "StormAlert", "host-" + i, graph("http://h", "instance:node_cpu_busy:percent > 80"));
      ((ObjectNode) alerts[i].get("labels")).put("severity", "warning").put("team", "storage");
      ((ObjectNode) alerts[i].get("annotations"))
          .put("description", "CPU busy has been above its warning level on host-" + i);
    }
    ObjectNode storm = notification("g-storm", alerts);
    assertTrue(JSON.writeValueAsBytes(storm).length > 1_000_000, "a storm-sized payload");
    assertEquals(200, post(storm));

    MimeMessage mail = awaitMail("StormAlert");
    List<String> parts = textParts(mail.getContent());
    assertEquals(2, parts.size(), "text and HTML");
    for (String part : parts) {
      assertTrue(part.length() > 1000, "non-empty part");
      assertTrue(part.contains("2500 alerts"), "states the count");
      assertTrue(part.contains("and 2450 more"), "says how many are not in full");
      assertTrue(part.contains("host-0") && part.contains("host-2499"), "lists them all");
    }
  }

  // ---- 8: links ----

  @Test
  void onlyHttpLinksReachTheEmail() throws Exception {
    start(null);
    ObjectNode a = alert("JsLinks", "web-1", "javascript:alert(1)//graph?g0.expr=up");
    ((ObjectNode) a.get("annotations"))
        .put("runbook_url", "javascript:alert(3)")
        .put("grafana_url", "JAVASCRIPT:alert(4)");
    ObjectNode n = notification("g-js", a);
    n.put("externalURL", "javascript:alert(2)");
    assertEquals(200, post(n));
    MimeMessage mail = awaitMail("JsLinks");
    String text = allText(mail).toLowerCase(Locale.ROOT);
    assertFalse(text.contains("href=\"javascript:"), text);
    assertFalse(text.contains("javascript:alert(1)"), text);
    assertFalse(text.contains("javascript:alert(2)"), text);
  }

  // ---- 9: slow senders, trailing garbage, huge counts ----

  @Test
  void slowSendersDoNotDelayANormalPost() throws Exception {
    start(null);
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket s = new Socket("127.0.0.1", webhook.port);
        OutputStream out = s.getOutputStream();
        out.write(
            ("POST /alert HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s);
      }
      Thread.sleep(500); // every slow request has reached its handler
      assertEquals(200, post(notification("g-normal", alert("NormalPost", "web-1", ""))));
      // The normal POST was answered while every slow sender still held its connection: it did
      // not wait for the server to give up on them.
      for (Socket s : slow) {
        assertTrue(stillOpen(s), "a slow connection was closed before the normal POST finished");
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    awaitMail("NormalPost");
  }

  private static boolean stillOpen(Socket s) throws IOException {
    s.setSoTimeout(1);
    try {
      return s.getInputStream().read() != -1;
    } catch (SocketTimeoutException e) {
      return true; // nothing to read and not closed
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void trailingGarbageIsABadPayload() throws Exception {
    start(null);
    String body = JSON.writeValueAsString(notification("g-trail", alert("Trail", "web-1", "")));
    assertEquals(400, webhook.post("/alert", body + " {\"more\":1}").statusCode());
    assertEquals(400, webhook.post("/alert", body + "garbage").statusCode());
  }

  @Test
  void theLargestTruncatedCountIsAddedWithoutOverflow() throws Exception {
    start(null);
    ObjectNode n = notification("g-trunc", alert("Truncated", "web-1", ""));
    n.put("truncatedAlerts", 2147483647L);
    assertEquals(200, post(n));
    MimeMessage mail = awaitMail("Truncated");
    assertNotNull(mail.getSubject());
    assertTrue(mail.getSubject().startsWith("[FIRING:2147483648]"), mail.getSubject());
    assertTrue(allText(mail).contains("(2147483648 alerts"), allText(mail));
  }
}
