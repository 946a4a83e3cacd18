package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated inhibit rule in a real Alertmanager: a critical silences the warning of the same
 * alert on the same host and disk, unit or interface direction, and not the warning of another
 * disk, unit or direction.
 */
class InhibitionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  @Test
  void aCriticalInhibitsItsOwnWarningOnlyOnTheSameDeviceUnitOrDirection(@TempDir Path dir)
      throws Exception {
    Path alertmanager = Binaries.require("prometheus-alertmanager");
    Path out =
        PromtoolIT.generate(
            ModuleJars.repoRoot()
                .resolve("rules-gen/src/test/resources/spec/saturation-critical.good.yml"),
            dir);
    // Notifications go to a port nobody listens on: only the inhibition is under test.
    String config =
        Files.readString(out.resolve("alertmanager/alertmanager.yml"))
            .replaceAll(
                "http://127\\.0\\.0\\.1:\\d+/", "http://127.0.0.1:" + FreePorts.next() + "/");
    Files.writeString(dir.resolve("am.yml"), config);
    int port = FreePorts.next();
    String base = "http://127.0.0.1:" + port;
    Map<String, Map<String, String>> alerts = new LinkedHashMap<>();
    alerts.put("disk sda critical", alert("HostDiskIoSaturated", "critical", "device", "sda"));
    alerts.put("disk sda warning", alert("HostDiskIoSaturated", "warning", "device", "sda"));
    alerts.put("disk sdb warning", alert("HostDiskIoSaturated", "warning", "device", "sdb"));
    alerts.put(
        "unit a critical", alert("HostSystemdUnitCrashlooping", "critical", "name", "a.service"));
    alerts.put(
        "unit a warning", alert("HostSystemdUnitCrashlooping", "warning", "name", "a.service"));
    alerts.put(
        "unit b warning", alert("HostSystemdUnitCrashlooping", "warning", "name", "b.service"));
    Map<String, String> rx = alert("HostNetworkErrors", "critical", "device", "eth0");
    rx.put("direction", "receive");
    alerts.put("eth0 receive critical", rx);
    Map<String, String> tx = alert("HostNetworkErrors", "warning", "device", "eth0");
    tx.put("direction", "transmit");
    alerts.put("eth0 transmit warning", tx);
    alerts.put("load critical", alert("HostLoadSaturated", "critical", null, null));
    alerts.put("load warning", alert("HostLoadSaturated", "warning", null, null));
    Map<String, String> otherHost = alert("HostLoadSaturated", "warning", null, null);
    otherHost.put("instance", "web-2:9100");
    alerts.put("load warning on another host", otherHost);
    try (RealProcess am =
        RealProcess.start(
            "alertmanager",
            dir,
            List.of(
                alertmanager.toString(),
                "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="))) {
      am.awaitReady(base + "/-/ready", Duration.ofSeconds(30));
      HttpClient http = HttpClient.newHttpClient();
      List<Map<String, Object>> body = new ArrayList<>();
      alerts.values().forEach(l -> body.add(Map.of("labels", l)));
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, posted.statusCode(), posted.body());
      Map<String, String> expected = new TreeMap<>();
      alerts.keySet().forEach(k -> expected.put(k, "active"));
      expected.put("disk sda warning", "suppressed");
      expected.put("unit a warning", "suppressed");
      expected.put("load warning", "suppressed");
      // The inhibitor learns of the critical alerts asynchronously: wait for it, then compare all.
      Map<String, String> seen = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        seen = states(http, base, alerts);
        if (seen.equals(expected)) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(expected, seen, am.log());
    }
  }

  private static Map<String, String> alert(String name, String severity, String key, String value) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("alertname", name);
    l.put("severity", severity);
    l.put("instance", "web-1:9100");
    l.put("job", "node");
    if (key != null) {
      l.put(key, value);
    }
    return l;
  }

  /** Each posted alert's state as Alertmanager reports it (active or suppressed). */
  private static Map<String, String> states(
      HttpClient http, String base, Map<String, Map<String, String>> alerts) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, String> out = new TreeMap<>();
    for (JsonNode a : JSON.readTree(r.body())) {
      Map<String, String> labels = JSON.convertValue(a.get("labels"), LABELS);
      alerts.forEach(
          (k, l) -> {
            if (l.equals(labels)) {
              out.put(k, a.get("status").get("state").asText());
            }
          });
    }
    return out;
  }
}
