package io.hostwatch.alertwebhook.receiver;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the Alertmanager webhook payload (version 4) the tolerant way: unknown fields are ignored
 * (newer Alertmanagers add {@code notification_reason}, {@code routeLabels}), {@code {}} and {@code
 * ""} stand for null, timestamps may carry nano-, milli- or no fractions, and the Go zero time
 * {@code 0001-01-01T00:00:00Z} means "not set". Only what makes the notification unusable is an
 * error: not JSON, not an object, no {@code alerts} array, a timestamp that is not one.
 */
public final class PayloadParser {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Go's zero time and anything before the epoch mean "unset" in Alertmanager's JSON. */
  private static final Instant UNSET_BEFORE = Instant.EPOCH;

  /** RFC 3339 has four-digit years; later times cannot be formatted, so they are refused. */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private PayloadParser() {}

  /** Reads the JSON tree, with a short reason when it is not JSON. */
  public static JsonNode readTree(byte[] body) throws BadPayloadException {
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new BadPayloadException("empty body (expected a JSON object)");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new BadPayloadException("malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadPayloadException("unreadable body: " + e.getMessage());
    }
  }

  public static Notification parse(byte[] body) throws BadPayloadException {
    return parse(readTree(body));
  }

  public static Notification parse(JsonNode root) throws BadPayloadException {
    if (!root.isObject()) {
      throw new BadPayloadException("expected a JSON object with \"alerts\", got " + kind(root));
    }
    JsonNode alertsNode = root.path("alerts");
    if (!alertsNode.isArray()) {
      throw new BadPayloadException("alerts: expected an array, got " + kind(alertsNode));
    }
    if (alertsNode.isEmpty()) {
      throw new BadPayloadException("alerts: expected at least one alert");
    }
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < alertsNode.size(); i++) {
      alerts.add(alert(alertsNode.get(i), "alerts[" + i + "]"));
    }
    String status = text(root.path("status"));
    if (status.isEmpty()) {
      status = alerts.stream().anyMatch(a -> !a.resolved()) ? "firing" : "resolved";
    }
    return new Notification(
        text(root.path("version")),
        text(root.path("groupKey")),
        integer(root.path("truncatedAlerts")),
        status,
        text(root.path("receiver")),
        map(root.path("groupLabels"), "groupLabels"),
        map(root.path("commonLabels"), "commonLabels"),
        map(root.path("commonAnnotations"), "commonAnnotations"),
        text(root.path("externalURL")),
        List.copyOf(alerts));
  }

  private static Alert alert(JsonNode node, String path) throws BadPayloadException {
    if (!node.isObject()) {
      throw new BadPayloadException(path + ": expected an object, got " + kind(node));
    }
    Instant endsAt = time(node.path("endsAt"), path + ".endsAt");
    String status = text(node.path("status"));
    if (status.isEmpty()) {
      status = endsAt != null && !endsAt.isAfter(Instant.now()) ? "resolved" : "firing";
    }
    return new Alert(
        status,
        map(node.path("labels"), path + ".labels"),
        map(node.path("annotations"), path + ".annotations"),
        time(node.path("startsAt"), path + ".startsAt"),
        endsAt,
        text(node.path("generatorURL")),
        text(node.path("fingerprint")));
  }

  /** A string; null, missing, {@code {}} and {@code ""} all become "". Numbers become text. */
  static String text(JsonNode node) {
    if (node.isTextual() || node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return "";
  }

  /** A count in [0, Integer.MAX_VALUE]; Alertmanager sends an unsigned 64-bit number. */
  private static int integer(JsonNode node) {
    double v;
    if (node.isNumber()) {
      v = node.asDouble();
    } else {
      try {
        v = Double.parseDouble(text(node).trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return Double.isNaN(v) ? 0 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
  }

  /** Labels and annotations, sorted by name so renders and dedup keys are stable. */
  static Map<String, String> map(JsonNode node, String path) throws BadPayloadException {
    if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new BadPayloadException(path + ": expected an object, got " + kind(node));
    }
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(
          e.getKey(),
          e.getValue().isContainerNode() ? e.getValue().toString() : text(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** An RFC 3339 time with any number of fraction digits; unset values become null. */
  static Instant time(JsonNode node, String path) throws BadPayloadException {
    String s = text(node).trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      Instant t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (t.isAfter(LATEST)) {
        throw new BadPayloadException(
            path + ": time \"" + abbreviate(s) + "\" is after year 9999 (expected RFC 3339)");
      }
      return t.isBefore(UNSET_BEFORE) ? null : t;
    } catch (DateTimeException e) {
      throw new BadPayloadException(
          path + ": invalid time \"" + abbreviate(s) + "\" (expected RFC 3339)");
    }
  }

  private static String kind(JsonNode node) {
    if (node.isMissingNode()) {
      return "nothing";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
