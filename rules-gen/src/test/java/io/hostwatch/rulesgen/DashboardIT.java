package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Prometheus, configured by the generated prometheus.yml and rules, scraping a real
 * exporter: once Debian's node_exporter, once the exporter we ship (its shaded jar). Every
 * dashboard panel's queries (variables substituted) run through the HTTP API. Each returns data, or
 * is listed below as expected to be empty (and then must be), or as depending on the machine's
 * state (and then must at least be a valid query).
 *
 * <p>The lists are the same for both exporters: the dashboards read only node_exporter's metric
 * names (through the recording rules, {@code node_boot_time_seconds}, {@code node_network_*},
 * {@code node_filesystem_avail_bytes}) and Prometheus' own series, and our exporter serves all of
 * them. What the two do differently (Debian's node_exporter leaves out {@code lo} and the mounts
 * under {@code /run}, {@code /mnt}, {@code /media}; ours keeps upstream's defaults) is filtered out
 * by the panels' own device and fstype matchers, so it changes which series a panel shows, not
 * whether it has any. A panel that only one exporter can fill would get its own entry here.
 */
class DashboardIT {
  /** The exporters the dashboards must work with: the one we ship and the one it replaces. */
  enum Exporter {
    NODE_EXPORTER("node_exporter_build_info") {
      @Override
      List<String> command(Path dir, String listen) {
        return List.of(
            Binaries.require("prometheus-node-exporter").toString(),
            "--web.listen-address=" + listen);
      }
    },
    HOSTWATCH("hostwatch_host_info") {
      @Override
      List<String> command(Path dir, String listen) {
        return RealProcess.javaJar(
            ModuleJars.of("exporter"),
            "--web.listen-address=" + listen,
            "--host.id-file=" + dir.resolve("host-id"));
      }
    };

    /** A metric only this exporter serves: proves which one Prometheus really scraped. */
    final String ownMetric;

    Exporter(String ownMetric) {
      this.ownMetric = ownMetric;
    }

    abstract List<String> command(Path dir, String listen);
  }

  /** uid/panel title/refId → why it is empty here. */
  static final Map<String, String> EXPECTED_EMPTY = new TreeMap<>();

  /** uid/panel title/refId → why it may or may not have data here. */
  static final Map<String, String> MAY_BE_EMPTY = new TreeMap<>();

  static {
    for (String panel :
        List.of(
            "Request rate/A",
            "Latency quantiles/A",
            "Latency quantiles/B",
            "Latency quantiles/C",
            "Error ratio/A",
            "Cache hit ratio/A")) {
      EXPECTED_EMPTY.put(
          "hostwatch-application-performance/" + panel,
          "no application exporting http_requests_total, http_request_duration_seconds, cache_*");
    }
    List<String> forecastPanels = new ArrayList<>();
    for (String forecast : List.of("CPU busy %", "Memory used %", "Disk available")) {
      for (String refId : List.of("B", "C", "D")) {
        forecastPanels.add(forecast + ": actual vs forecast made 1h earlier/" + refId);
      }
    }
    forecastPanels.addAll(List.of("Time until full/A", "Anomalies/A", "Forecast models/A"));
    for (String panel : forecastPanels) {
      EXPECTED_EMPTY.put("hostwatch-forecast/" + panel, "no forecaster in this test");
    }
    MAY_BE_EMPTY.put(
        "hostwatch-forecast/Time until full/B",
        "the linear estimate exists only while a filesystem is filling");
    MAY_BE_EMPTY.put(
        "hostwatch-alert-overview/Firing and pending alerts/A",
        "an alert is pending only if this machine is busy (HostHighCpu)");
    MAY_BE_EMPTY.put(
        "hostwatch-alert-overview/Alert history/A",
        "no alert can fire within the test's minute; kept for symmetry with the above");
    MAY_BE_EMPTY.put("annotations/Firing alerts", "no alert can fire within the test's minute");
    String checks = "hostwatch-node-checks/";
    for (String raid : List.of("RAID disks missing/A", "RAID disks failed/A")) {
      MAY_BE_EMPTY.put(checks + raid, "node_md_* exists only on a machine with md RAID arrays");
    }
    MAY_BE_EMPTY.put(
        checks + "systemd units failed/A",
        "node_systemd_* needs the systemd collector (off by default) and a failed unit");
    MAY_BE_EMPTY.put(
        checks + "systemd unit restarts in 5m/A",
        "node_systemd_* needs the systemd collector (off by default) and systemd as init");
    MAY_BE_EMPTY.put(
        checks + "Bond links down/A", "node_bonding_* exists only on a machine with a bond");
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @EnumSource(Exporter.class)
  void everyPanelQueryReturnsDataOrIsExpectedEmpty(Exporter exporter, @TempDir Path dir)
      throws Exception {
    String instance = "127.0.0.1:" + FreePorts.next();
    List<String> exporterCommand = exporter.command(dir, instance);
    Path prometheus = Binaries.require("prometheus");
    int promPort = FreePorts.next();
    Path thresholds = dir.resolve("thresholds.yml");
    Files.writeString(thresholds, thresholdFile(instance, promPort, FreePorts.next()));
    Path out = dir.resolve("out");
    StringWriter err = new StringWriter();
    int code =
        Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
            .execute("generate", "--config", thresholds.toString(), "--output", out.toString());
    assertEquals(0, code, err.toString());
    try (RealProcess target = RealProcess.start(exporter.name(), dir, exporterCommand);
        RealProcess prom =
            RealProcess.start(
                "prometheus",
                dir,
                List.of(
                    prometheus.toString(),
                    "--config.file=" + out.resolve("prometheus/prometheus.yml"),
                    "--web.listen-address=127.0.0.1:" + promPort,
                    "--storage.tsdb.path=" + dir.resolve("data")))) {
      target.awaitReady("http://" + instance + "/metrics", Duration.ofSeconds(60));
      prom.awaitReady("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(60));
      String api = "http://127.0.0.1:" + promPort + "/api/v1/";
      for (String recorded :
          List.of(
              "instance:node_cpu_busy:percent",
              "instance:node_memory_used:percent",
              "instance:node_filesystem_used:percent",
              "increase(prometheus_rule_evaluation_failures_total[1h])")) {
        awaitData(api, recorded, prom);
      }
      // Prometheus scraped the exporter under test: its own metric is there, the other's is not.
      awaitData(api, exporter.ownMetric + "{instance=\"" + instance + "\"}", prom);
      for (Exporter other : Exporter.values()) {
        JsonNode found = get(api + "query?query=" + enc(other.ownMetric)).get("data").get("result");
        assertEquals(other == exporter, !found.isEmpty(), other.ownMetric + " → " + found);
      }
      checkRecordingRules(api);
      List<String> problems = new ArrayList<>();
      int ran = 0;
      try (Stream<Path> files = Files.list(out.resolve("grafana/dashboards"))) {
        for (Path f : files.sorted().toList()) {
          ran += checkDashboard(api, json.readTree(f.toFile()), instance, problems);
        }
      }
      assertTrue(ran >= 25, "ran only " + ran + " queries");
      if (!problems.isEmpty()) {
        fail(exporter + ":\n" + String.join("\n", problems));
      }
    }
  }

  private void checkRecordingRules(String api) throws Exception {
    // Invariants on the real machine: every recorded percentage is a percentage.
    for (String recorded :
        List.of(
            "instance:node_cpu_busy:percent",
            "instance:node_memory_used:percent",
            "instance:node_filesystem_used:percent")) {
      for (JsonNode r : get(api + "query?query=" + enc(recorded)).get("data").get("result")) {
        double v = Double.parseDouble(r.get("value").get(1).asText());
        assertTrue(v >= 0 && v <= 100, recorded + " = " + v + " for " + r.get("metric"));
      }
    }
    // The override for this instance reaches the real Prometheus; other levels stay.
    assertEquals(
        60.0, value(api, "hostwatch:threshold_filesystem_used:percent{severity=\"warning\"}"));
    assertEquals(
        95.0, value(api, "hostwatch:threshold_filesystem_used:percent{severity=\"critical\"}"));
    assertEquals(80.0, value(api, "hostwatch:threshold_cpu_busy:percent{severity=\"warning\"}"));
  }

  private int checkDashboard(String api, JsonNode d, String instance, List<String> problems)
      throws Exception {
    String uid = d.get("uid").asText();
    int ran = 0;
    JsonNode var = d.get("templating").get("list").get(1);
    assertEquals("instance", var.get("name").asText());
    if (!uid.equals("hostwatch-application-performance")) {
      String def = var.get("definition").asText();
      String match = def.substring("label_values(".length(), def.lastIndexOf(','));
      JsonNode values = get(api + "label/instance/values?match[]=" + enc(match)).get("data");
      if (!values.toString().contains(instance)) {
        problems.add(uid + ": instance variable " + def + " lacks " + instance + ": " + values);
      }
    }
    for (JsonNode a : d.get("annotations").get("list")) {
      if (a.has("expr")) {
        ran++;
        check(
            api,
            "annotations/" + a.get("name").asText(),
            a.get("expr").asText(),
            instance,
            problems);
      }
    }
    for (JsonNode p : d.get("panels")) {
      for (JsonNode t : p.get("targets")) {
        ran++;
        String key = uid + "/" + p.get("title").asText() + "/" + t.get("refId").asText();
        check(api, key, t.get("expr").asText(), instance, problems);
      }
    }
    return ran;
  }

  private void check(String api, String key, String expr, String instance, List<String> problems)
      throws Exception {
    String q =
        expr.replace("$__rate_interval", "1m").replace("$instance", instance.replace(".", "\\\\."));
    JsonNode r = get(api + "query?query=" + enc(q));
    if (!"success".equals(r.path("status").asText())) {
      problems.add(key + ": query failed: " + q + " → " + r);
      return;
    }
    boolean empty = r.get("data").get("result").isEmpty();
    if (MAY_BE_EMPTY.containsKey(key)) {
      return;
    }
    if (EXPECTED_EMPTY.containsKey(key) && !empty) {
      problems.add(key + ": expected empty (" + EXPECTED_EMPTY.get(key) + ") but has data: " + q);
    } else if (!EXPECTED_EMPTY.containsKey(key) && empty) {
      problems.add(key + ": no data: " + q);
    }
  }

  private void awaitData(String api, String query, RealProcess prom) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonNode r = get(api + "query?query=" + enc(query));
      if (!r.get("data").get("result").isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    fail("no data for " + query + " after 60s:\n" + prom.log());
  }

  private double value(String api, String query) throws Exception {
    JsonNode result = get(api + "query?query=" + enc(query)).get("data").get("result");
    assertEquals(1, result.size(), query + " → " + result);
    return Double.parseDouble(result.get(0).get("value").get(1).asText());
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(r.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String thresholdFile(String instance, int promPort, int unusedPort) {
    return String.join(
        "\n",
        "selector: 'job=\"node\"'",
        "defaults: {for: 5m, keep_firing_for: 2m}",
        "thresholds:",
        "  cpu:       {warning: 80, critical: 95, for: 10m}",
        "  memory:    {warning: 90, critical: 97}",
        "  disk:      {warning: 85, critical: 95}",
        "  host_down: {for: 2m}",
        "  disk_fill: {within: 4h, lookback: 6h}",
        "overrides:",
        "  - match: {instance: '" + instance + "'}",
        "    thresholds:",
        "      disk: {warning: 60}",
        "notify:",
        "  - match: {severity: critical}",
        "    email: [oncall@example.com]",
        "targets:",
        "  static: ['" + instance + "']",
        "  file_sd: []",
        "scrape_interval: 1s",
        "evaluation_interval: 1s",
        "prometheus_url: http://127.0.0.1:" + promPort,
        "alertmanager_url: http://127.0.0.1:" + unusedPort,
        "forecaster_url: http://127.0.0.1:" + unusedPort,
        "webhook_url: http://127.0.0.1:" + unusedPort,
        "");
  }
}
