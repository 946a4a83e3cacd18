package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.BadPayloadException;
import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.receiver.PayloadParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A realistic notification templates are checked against at start-up. */
final class SampleNotification {
  private SampleNotification() {}

  static Notification notification() {
    try (InputStream in =
        SampleNotification.class.getResourceAsStream("sample-notification.json")) {
      return PayloadParser.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (BadPayloadException e) {
      throw new IllegalStateException("built-in sample notification is invalid: " + e.getMessage());
    }
  }

  static Map<String, Object> model() {
    return TemplateModel.of(
        notification(),
        "",
        new Links(null, null, null),
        ZoneOffset.UTC,
        Instant.parse("2026-01-01T12:30:00Z"),
        Map.of("instance:node_cpu_busy:percent > 80", "chart-0@hostwatch"));
  }
}
