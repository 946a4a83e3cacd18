package io.hostwatch.alertwebhook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailRendererTest {
  private static final Instant NOW = Instant.parse("2026-01-01T11:05:30Z");
  private static final Links LINKS = new Links(null, null, "https://grafana.example");
  @TempDir Path templates;

  private static RenderedEmail render(EmailRenderer r, Notification n, AtomicInteger errors) {
    Map<String, Object> model = TemplateModel.of(n, "ops", LINKS, ZoneId.of("UTC"), NOW, Map.of());
    return r.render(model, List.of(), errors::incrementAndGet);
  }

  @Test
  void subjectNamesTheAlertAndTheFirstHosts() throws Exception {
    RenderedEmail email =
        render(
            EmailRenderer.load(null),
            Payloads.firing(0, "web-1", "web-2", "web-3"),
            new AtomicInteger());
    assertEquals("[FIRING:3] HostHighCpu web-1, web-2 (+1)", email.subject());
  }

  @Test
  void subjectHasNoLineBreaksWhateverTheLabelsHold() throws Exception {
    Notification n =
        Payloads.notification(
            "firing",
            0,
            List.of(
                Payloads.alert(
                    "firing", "evil\\r\\nBcc: victim@example.com", "", "0001-01-01T00:00:00Z")));
    String subject = render(EmailRenderer.load(null), n, new AtomicInteger()).subject();
    assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
    assertTrue(subject.contains("evil Bcc: victim@example.com"), subject);
  }

  @Test
  void htmlEscapesLabelsAndAnnotationsAndCarriesTheLinks() throws Exception {
    Notification n =
        Payloads.notification(
            "firing",
            2,
            List.of(
                Payloads.alert(
                    "firing",
                    "web-1:9110",
                    ",\"team\":\"<script>alert(1)</script>\"",
                    "0001-01-01T00:00:00Z")));
    RenderedEmail email = render(EmailRenderer.load(null), n, new AtomicInteger());
    assertFalse(email.html().contains("<script>"), "label must be escaped");
    assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(email.html().contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"));
    assertTrue(
        email
            .html()
            .contains(
                "http://am.example:9093/#/silences/new?filter=%7Balertname%3D%22HostHighCpu%22"),
        email.html());
    assertTrue(email.html().contains("https://rb.example/cpu"));
    assertTrue(email.html().contains("https://grafana.example"));
    assertTrue(email.html().contains("2 more alerts not shown"));
    assertTrue(email.text().contains("2 more alerts not shown"));
    assertTrue(
        email.text().contains("Started:  2026-01-01 10:00:00 UTC (for 1h 5m)"), email.text());
  }

  @Test
  void resolvedNotificationsAreMarkedAndOfferNoSilence() throws Exception {
    Notification n =
        Payloads.notification(
            "resolved",
            0,
            List.of(Payloads.alert("resolved", "web-1:9110", "", "2026-01-01T10:30:00Z")));
    RenderedEmail email = render(EmailRenderer.load(null), n, new AtomicInteger());
    assertEquals("[RESOLVED] HostHighCpu web-1", email.subject());
    assertTrue(email.html().contains("RESOLVED"));
    assertTrue(email.html().contains("#2e7d32"), "resolved colour");
    assertFalse(email.html().contains("silences/new"));
    assertTrue(email.text().contains("lasted 29m 59s"), email.text());
  }

  @Test
  void timesUseTheConfiguredZone() throws Exception {
    Map<String, Object> model =
        TemplateModel.of(
            Payloads.firing(0, "web-1"), "", LINKS, ZoneId.of("Europe/Berlin"), NOW, Map.of());
    String text = EmailRenderer.load(null).render(model, List.of(), () -> {}).text();
    assertTrue(text.contains("2026-01-01 11:00:00 CET"), text);
  }

  @Test
  void aBrokenTemplateFailsStartUpWithFileAndLine() throws Exception {
    Files.writeString(templates.resolve("email.html.jinja"), "<p>\n{% if %}\n</p>\n");
    TemplateException e =
        assertThrows(TemplateException.class, () -> EmailRenderer.load(templates));
    assertTrue(
        e.getMessage().startsWith(templates.resolve("email.html.jinja") + ":2: "), e.getMessage());
  }

  @Test
  void aRunTimeTemplateErrorFallsBackToTheBuiltInAndIsCounted() throws Exception {
    Files.writeString(
        templates.resolve("subject.jinja"),
        "{% if resolved %}{% include 'missing.jinja' %}{% endif %}custom {{ alertname }}");
    EmailRenderer renderer = EmailRenderer.load(templates);
    AtomicInteger errors = new AtomicInteger();
    assertEquals(
        "custom HostHighCpu", render(renderer, Payloads.firing(0, "web-1"), errors).subject());
    assertEquals(0, errors.get());
    Notification resolved =
        Payloads.notification(
            "resolved",
            0,
            List.of(Payloads.alert("resolved", "web-1:9110", "", "2026-01-01T10:30:00Z")));
    assertEquals("[RESOLVED] HostHighCpu web-1", render(renderer, resolved, errors).subject());
    assertEquals(1, errors.get());
  }

  @Test
  void aTemplateThatRunsPastItsBudgetFallsBackToTheBuiltIn() throws Exception {
    // A hundred million loop steps and no output: only the time budget stops it.
    Files.writeString(
        templates.resolve("email.txt.jinja"),
        "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}done");
    EmailRenderer renderer = EmailRenderer.load(templates);
    AtomicInteger errors = new AtomicInteger();
    RenderedEmail email = render(renderer, Payloads.firing(0, "web-1"), errors);
    assertTrue(email.text().startsWith("FIRING: HostHighCpu"), email.text());
    assertEquals(1, errors.get());
  }

  @Test
  void aStormLeadsWithHowManyHostsAndATableOfThem() throws Exception {
    String[] hosts = new String[10];
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = "web-" + i;
    }
    RenderedEmail email =
        render(EmailRenderer.load(null), Payloads.firing(0, hosts), new AtomicInteger());
    assertTrue(email.html().contains("10 alerts on 10 hosts"), email.html());
    assertTrue(email.text().contains("(10 alerts on 10 hosts, receiver ops)"), email.text());
    String table = email.html().substring(email.html().indexOf("class=\"hosts\""));
    table = table.substring(0, table.indexOf("</table>"));
    for (String h : hosts) {
      assertTrue(table.contains(">" + h + "</td>") || table.contains(">" + h + ":9110</td>"), h);
    }
    assertEquals(11, table.split("<tr").length - 1, "a header and a row per host:\n" + table);

    RenderedEmail one =
        render(EmailRenderer.load(null), Payloads.firing(0, "web-1"), new AtomicInteger());
    assertFalse(one.html().contains("class=\"hosts\""), "no table for a single alert");
    assertFalse(one.html().contains(" hosts &middot;"), one.html());
  }

  @Test
  void thePlainFallbackStatesWhatFiredAndHowMany() throws Exception {
    Map<String, Object> model =
        TemplateModel.of(
            Payloads.firing(7, "web-1", "web-2"), "ops", LINKS, ZoneId.of("UTC"), NOW, Map.of());
    String text = PlainFallback.text(model);
    assertTrue(text.startsWith("FIRING: HostHighCpu (9 alerts, receiver ops)"), text);
    assertTrue(text.contains("HostHighCpu on web-1"), text);
    assertTrue(text.contains("and 7 more alerts."), text);
    String html = PlainFallback.render(EmailRenderer.Part.HTML, model);
    assertTrue(html.contains("<pre>FIRING: HostHighCpu"), html);
  }
}
