package io.hostwatch.alertwebhook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hostwatch.alertwebhook.config.Links;
import org.junit.jupiter.api.Test;

class AlertLinksTest {
  private static final String GEN =
      "http://prom:9090/prometheus/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+0.5&g0.tab=1";

  @Test
  void expressionComesFromGeneratorUrl() {
    assertEquals("rate(x[5m]) > 0.5", AlertLinks.expression(GEN));
    assertNull(AlertLinks.expression("http://prom:9090/graph"));
    assertNull(AlertLinks.expression(""));
  }

  @Test
  void graphLinkPointsAtTheConfiguredPrometheus() {
    Links links = new Links("https://p.example/", null, null);
    assertEquals(
        "https://p.example/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+0.5&g0.tab=1",
        AlertLinks.graphUrl(links, GEN));
    assertEquals(GEN, AlertLinks.graphUrl(new Links(null, null, null), GEN));
  }

  @Test
  void onlyWebUrlsBecomeLinks() {
    Links none = new Links(null, null, null);
    assertNull(AlertLinks.graphUrl(none, "javascript:alert(1)//graph?g0.expr=up"));
    assertNull(AlertLinks.graphUrl(none, "JavaScript:alert(document.cookie)"));
    assertNull(AlertLinks.graphUrl(none, "data:text/html,<script>x</script>"));
    assertNull(AlertLinks.graphUrl(none, "http://a\"onmouseover=\"x"));
    assertNull(AlertLinks.webUrlOrNull("http:///nohost"));
    assertEquals("https://ok.example/x", AlertLinks.webUrlOrNull("https://ok.example/x"));
  }
}
