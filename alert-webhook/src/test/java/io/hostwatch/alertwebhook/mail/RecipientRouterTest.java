package io.hostwatch.alertwebhook.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hostwatch.alertwebhook.config.Route;
import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.receiver.PayloadParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientRouterTest {
  private static Notification group(String receiver, String severity) throws Exception {
    String json =
        "{\"receiver\":\""
            + receiver
            + "\",\"groupLabels\":{\"alertname\":\"A\"},\"commonLabels\":{\"severity\":\""
            + severity
            + "\"},\"alerts\":[{\"labels\":{\"alertname\":\"A\"}}]}";
    return PayloadParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void firstMatchingRouteWinsElseDefault() throws Exception {
    RecipientRouter router =
        new RecipientRouter(
            List.of(
                new Route("critical", Map.of("severity", "critical"), List.of("oncall@x")),
                new Route(null, Map.of("severity", "warning"), List.of("team@x")),
                new Route("critical", null, List.of("fallback@x"))),
            List.of("ops@x"));
    assertEquals(List.of("oncall@x"), router.recipients("critical", group("ignored", "critical")));
    assertEquals(List.of("team@x"), router.recipients("", group("any", "warning")));
    assertEquals(List.of("fallback@x"), router.recipients("", group("critical", "info")));
    assertEquals(List.of("ops@x"), router.recipients("other", group("x", "info")));
  }
}
