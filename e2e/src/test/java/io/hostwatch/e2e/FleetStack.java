package io.hostwatch.e2e;

import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fleet test's configuration and command lines. Everything is what rules-gen generates from a
 * threshold file the test writes; only what a single-Alertmanager, minutes-scale setup cannot
 * express is changed after generation: the second Alertmanager, the SMTP server, and shorter waits.
 */
final class FleetStack {
  private FleetStack() {}

  /**
   * Writes the threshold file and the registry's credentials, runs rules-gen; the output folder.
   */
  static Path configure(
      Path dir, int prom, int am1, int am2, int webhook, int registry, int forecaster, int smtp)
      throws Exception {
    Files.writeString(dir.resolve("registry-token"), "fleet-token\n");
    Files.writeString(dir.resolve("registry-web.yml"), "bearer_token_file: registry-token\n");
    Path thresholds =
        Files.writeString(
            dir.resolve("thresholds.yml"), thresholds(prom, am1, webhook, registry, forecaster));
    Path out = dir.resolve("config");
    RulesGen.generate(thresholds, out);
    // Prometheus sends every alert to both members of the pair.
    String alerting = "        - targets:\n            - '127.0.0.1:" + am1 + "'\n";
    RulesGen.tune(
        out.resolve("prometheus/prometheus.yml"),
        "alertmanagers:\n    - static_configs:\n" + alerting,
        "alertmanagers:\n    - static_configs:\n"
            + alerting
            + "            - '127.0.0.1:"
            + am2
            + "'\n");
    // The registry is read every second instead of every minute.
    RulesGen.tune(
        out.resolve("prometheus/prometheus.yml"),
        "/api/v1/targets\n",
        "/api/v1/targets\n        refresh_interval: 1s\n");
    // Seconds instead of minutes; the grouping itself stays as generated.
    Path am = out.resolve("alertmanager/alertmanager.yml");
    RulesGen.tune(am, "group_wait: 30s", "group_wait: 10s");
    RulesGen.tune(am, "group_interval: 5m", "group_interval: 10s");
    Path hook = out.resolve("alert-webhook/alert-webhook.yml");
    Files.writeString(
        hook,
        Files.readString(hook)
            + "smtp: {host: 127.0.0.1, port: "
            + smtp
            + ", tls: none, from: hostwatch@example.com}\n");
    return out;
  }

  /**
   * One-second scrapes and evaluations; HostDown after 20 s (a scrape times out after the 1 s
   * interval, and a machine shared with other builds can miss several in a row). Memory levels no
   * host reaches, except for {@code role: batch}, whose override every host exceeds; CPU levels
   * differ by role too but never fire ({@code for: 1h}).
   */
  private static String thresholds(int prom, int am1, int webhook, int registry, int forecaster) {
    return String.join(
        "\n",
        "selector: 'job=\"node\"'",
        "scrape_interval: 1s",
        "evaluation_interval: 1s",
        "defaults: {for: 3s, keep_firing_for: 0s}",
        "thresholds:",
        "  cpu: {warning: 80, critical: 95, for: 1h}",
        "  memory: {warning: 98, critical: 99}",
        "  host_down: {for: 20s}",
        "overrides:",
        "  - match: {role: batch}",
        "    thresholds:",
        "      cpu: {warning: 97, critical: 99}",
        "      memory: {warning: 1, critical: 2}",
        "targets:",
        "  static: []",
        "  file_sd: []",
        "  http_sd: ['http://127.0.0.1:" + registry + "/api/v1/targets']",
        "prometheus_url: http://127.0.0.1:" + prom,
        "alertmanager_url: http://127.0.0.1:" + am1,
        "webhook_url: http://127.0.0.1:" + webhook,
        "registry_url: http://127.0.0.1:" + registry,
        "forecaster_url: http://127.0.0.1:" + forecaster,
        "notify:",
        "  - match: {severity: critical}",
        "    email: [oncall@example.com]",
        "  - match: {severity: warning}",
        "    email: [team@example.com]",
        "");
  }

  /**
   * The registry keeps a host that stopped renewing for 10 minutes: the storm's hosts must stay
   * targets (and so keep alerting) for the whole test.
   */
  static List<String> registry(Path dir, int port) {
    return RealProcess.javaJar(
        ModuleJars.of("registry"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.config.file=" + dir.resolve("registry-web.yml"),
        "--storage.path=" + dir.resolve("registry"),
        "--registry.ttl=10m");
  }

  static List<String> webhook(Path dir, Path config, int port) {
    return RealProcess.javaJar(
        ModuleJars.of("alert-webhook"),
        "--web.listen-address=127.0.0.1:" + port,
        "--config.file=" + config.resolve("alert-webhook/alert-webhook.yml"),
        "--storage.path=" + dir.resolve("alert-webhook"));
  }

  /**
   * Member {@code n} of the pair. Alertmanager's own guard against a pair sending twice is that the
   * second member waits {@code --cluster.peer-timeout} (15 s) for the first one's notification log
   * to arrive by gossip; set to zero, both send every notification, as they do when gossip is slow
   * or the pair is partitioned, and the webhook alone keeps the mailbox exact.
   */
  static List<String> alertmanager(
      Path binary, Path dir, Path config, int n, int port, int cluster, int peer) {
    return List.of(
        binary.toString(),
        "--config.file=" + config.resolve("alertmanager/alertmanager.yml"),
        "--storage.path=" + dir.resolve("am" + n),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.external-url=http://127.0.0.1:" + port + "/",
        "--cluster.listen-address=127.0.0.1:" + cluster,
        "--cluster.advertise-address=127.0.0.1:" + cluster,
        "--cluster.peer=127.0.0.1:" + peer,
        "--cluster.peer-timeout=0s");
  }

  /**
   * The forecaster on rules-gen's forecaster.yml (CPU busy and memory used per host), in seconds
   * instead of minutes and days, with free disk space and its time to full added: the generated
   * disk forecast comes with {@code thresholds.disk_fill}, whose alert this test leaves out.
   */
  static List<String> forecaster(Path config, int port) throws Exception {
    Path file = config.resolve("forecaster/forecaster.yml");
    RulesGen.tune(file, "interval: 5m", "interval: 5s");
    RulesGen.tune(file, "lookback: 7d", "lookback: 3m");
    RulesGen.tune(file, "step: 5m", "step: 5s");
    Files.writeString(
        file,
        Files.readString(file)
            + String.join(
                "\n",
                "  - name: disk_avail",
                "    query: 'node_filesystem_avail_bytes{job=\"node\",fstype!~\"tmpfs|overlay\"}'",
                "    lookback: 3m",
                "    step: 5s",
                "    horizons: [1h]",
                "    threshold: 0",
                ""));
    return RealProcess.javaJar(
        ModuleJars.of("forecaster"),
        "--web.listen-address=127.0.0.1:" + port,
        "--config.file=" + file);
  }

  static List<String> prometheus(Path binary, Path dir, Path config, int port) {
    return List.of(
        binary.toString(),
        "--config.file=" + config.resolve("prometheus/prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.external-url=http://127.0.0.1:" + port + "/");
  }

  /** The port of a command's {@code --web.listen-address}. */
  static String listenPort(List<String> command) {
    for (String arg : command) {
      if (arg.startsWith("--web.listen-address=")) {
        return arg.substring(arg.lastIndexOf(':') + 1);
      }
    }
    throw new IllegalArgumentException("no --web.listen-address in " + command);
  }
}
