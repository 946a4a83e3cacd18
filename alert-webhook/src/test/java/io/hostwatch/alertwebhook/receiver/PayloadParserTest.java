package io.hostwatch.alertwebhook.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
  private static Notification parse(String json) throws BadPayloadException {
    return PayloadParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String alert(String startsAt, String endsAt) {
    return "{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"annotations\":{},"
        + "\"startsAt\":"
        + startsAt
        + ",\"endsAt\":"
        + endsAt
        + ",\"generatorURL\":\"\",\"fingerprint\":\"f\"}";
  }

  @Test
  void goZeroEndsAtMeansStillFiring() throws Exception {
    Notification n =
        parse(
            "{\"alerts\":[" + alert("\"2024-05-01T10:00:00Z\"", "\"0001-01-01T00:00:00Z\"") + "]}");
    assertNull(n.alerts().get(0).endsAt());
    assertEquals(Instant.parse("2024-05-01T10:00:00Z"), n.alerts().get(0).startsAt());
    assertEquals("firing", n.status());
  }

  @Test
  void acceptsNanoMilliAndNoFractionsAndOffsets() throws Exception {
    assertEquals(
        Instant.parse("2024-05-01T10:00:00.123456789Z"),
        parse("{\"alerts\":[" + alert("\"2024-05-01T10:00:00.123456789Z\"", "null") + "]}")
            .alerts()
            .get(0)
            .startsAt());
    assertEquals(
        Instant.parse("2024-05-01T10:00:00.123Z"),
        parse("{\"alerts\":[" + alert("\"2024-05-01T10:00:00.123Z\"", "\"\"") + "]}")
            .alerts()
            .get(0)
            .startsAt());
    assertEquals(
        Instant.parse("2024-05-01T08:00:00Z"),
        parse("{\"alerts\":[" + alert("\"2024-05-01T10:00:00+02:00\"", "{}") + "]}")
            .alerts()
            .get(0)
            .startsAt());
  }

  @Test
  void emptyObjectsAndStringsStandForNullAndUnknownFieldsAreIgnored() throws Exception {
    Notification n =
        parse(
            "{\"version\":\"4\",\"groupKey\":{},\"status\":\"firing\",\"receiver\":\"\","
                + "\"notification_reason\":\"repeat\",\"routeLabels\":{\"x\":\"y\"},"
                + "\"groupLabels\":\"\",\"commonLabels\":{},\"commonAnnotations\":null,"
                + "\"truncatedAlerts\":3,\"alerts\":["
                + alert("\"2024-05-01T10:00:00Z\"", "\"0001-01-01T00:00:00Z\"")
                + "]}");
    assertEquals("", n.groupKey());
    assertEquals(Map.of(), n.groupLabels());
    assertEquals(Map.of(), n.commonAnnotations());
    assertEquals(3, n.truncatedAlerts());
  }

  @Test
  void malformedJsonHasAShortReasonWithPosition() {
    BadPayloadException e =
        assertThrows(BadPayloadException.class, () -> parse("{\"alerts\": [ }"));
    assertTrue(e.getMessage().startsWith("malformed JSON at line 1 column 14"), e.getMessage());
  }

  @Test
  void structuralProblemsNameTheField() {
    assertEquals(
        "alerts: expected an array, got nothing",
        assertThrows(BadPayloadException.class, () -> parse("{\"status\":\"firing\"}"))
            .getMessage());
    assertEquals(
        "expected a JSON object with \"alerts\", got array",
        assertThrows(BadPayloadException.class, () -> parse("[1]")).getMessage());
    assertEquals(
        "alerts[0].startsAt: invalid time \"yesterday\" (expected RFC 3339)",
        assertThrows(
                BadPayloadException.class,
                () -> parse("{\"alerts\":[" + alert("\"yesterday\"", "null") + "]}"))
            .getMessage());
    assertEquals(
        "alerts[0].labels: expected an object, got array",
        assertThrows(BadPayloadException.class, () -> parse("{\"alerts\":[{\"labels\":[]}]}"))
            .getMessage());
  }
}
