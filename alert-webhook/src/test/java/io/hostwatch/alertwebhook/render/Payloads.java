package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.receiver.PayloadParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds webhook payloads for render tests. */
final class Payloads {
  private Payloads() {}

  static String alert(String status, String instance, String extraLabel, String endsAt) {
    return "{\"status\":\""
        + status
        + "\",\"labels\":{\"alertname\":\"HostHighCpu\",\"severity\":\"critical\",\"instance\":\""
        + instance
        + "\""
        + extraLabel
        + "},\"annotations\":{\"summary\":\"CPU busy on "
        + instance
        + "\",\"description\":\"<b>bold</b> & more\",\"runbook_url\":\"https://rb.example/cpu\"},"
        + "\"startsAt\":\"2026-01-01T10:00:00.123Z\",\"endsAt\":\""
        + endsAt
        + "\",\"generatorURL\":\"http://prom.example:9090/graph?g0.expr=instance%3Anode_cpu_busy%3Apercent+%3E+80&g0.tab=1\","
        + "\"fingerprint\":\"fp-"
        + instance
        + "\"}";
  }

  static Notification firing(int truncated, String... instances) throws Exception {
    List<String> alerts = new ArrayList<>();
    for (String i : instances) {
      alerts.add(alert("firing", i + ":9110", "", "0001-01-01T00:00:00Z"));
    }
    return notification("firing", truncated, alerts);
  }

  static Notification notification(String status, int truncated, List<String> alerts)
      throws Exception {
    String json =
        "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"HostHighCpu\\\"}\",\"status\":\""
            + status
            + "\",\"receiver\":\"ops\",\"truncatedAlerts\":"
            + truncated
            + ",\"groupLabels\":{\"alertname\":\"HostHighCpu\"},"
            + "\"commonLabels\":{\"alertname\":\"HostHighCpu\",\"severity\":\"critical\"},"
            + "\"commonAnnotations\":{},\"externalURL\":\"http://am.example:9093\",\"alerts\":["
            + String.join(",", alerts)
            + "]}";
    return PayloadParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }
}
