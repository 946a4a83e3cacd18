package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code node_*} names the node-mixin's alerts query, which node_exporter 1.5 serves on a Linux
 * host with its default collectors: the exporter, also with its defaults, must serve each with the
 * same label names, so the alerts fire on the same series. Both run side by side and are scraped
 * once each; node_exporter gets upstream's filesystem and netdev excludes, as Debian patches them.
 */
class DashboardNamesIT {
  /**
   * Every {@code node_*} name in the node-mixin's {@code alerts.libsonnet} (node_exporter's {@code
   * docs/node-mixin}) but those of collectors off by default or absent on a plain VM ({@code
   * node_md_*}, {@code node_systemd_*}, {@code node_bonding_*}).
   */
  static final List<String> NODE_MIXIN_ALERTS =
      List.of(
          "node_cpu_seconds_total",
          "node_disk_io_time_weighted_seconds_total",
          "node_filefd_allocated",
          "node_filefd_maximum",
          "node_filesystem_avail_bytes",
          "node_filesystem_files",
          "node_filesystem_files_free",
          "node_filesystem_readonly",
          "node_filesystem_size_bytes",
          "node_load1",
          "node_memory_MemAvailable_bytes",
          "node_memory_MemTotal_bytes",
          "node_network_receive_errs_total",
          "node_network_receive_packets_total",
          "node_network_transmit_errs_total",
          "node_network_transmit_packets_total",
          "node_nf_conntrack_entries",
          "node_nf_conntrack_entries_limit",
          "node_textfile_scrape_error",
          "node_timex_maxerror_seconds",
          "node_timex_offset_seconds",
          "node_timex_sync_status",
          "node_vmstat_pgmajfault");

  @TempDir static Path workDir;
  private static RealProcess nodeExporter;
  private static RealProcess ours;
  private static Scrape theirs;
  private static Scrape mine;

  @BeforeAll
  static void startBothWithTheirDefaults() throws Exception {
    int nePort = FreePorts.next();
    int ourPort = FreePorts.next();
    List<String> neCmd =
        new ArrayList<>(
            List.of(
                Binaries.require("prometheus-node-exporter").toString(),
                "--web.listen-address=127.0.0.1:" + nePort));
    neCmd.addAll(NodeExporterAgreementIT.UPSTREAM_DEFAULTS);
    nodeExporter = RealProcess.start("node_exporter", workDir, neCmd);
    ours =
        RealProcess.start(
            "exporter",
            workDir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"), "--web.listen-address=127.0.0.1:" + ourPort));
    nodeExporter.awaitReady("http://127.0.0.1:" + nePort + "/metrics", Duration.ofSeconds(30));
    ours.awaitReady("http://127.0.0.1:" + ourPort + "/-/ready", Duration.ofSeconds(60));
    HttpClient client = HttpClient.newHttpClient();
    theirs = Scrape.of(client, "http://127.0.0.1:" + nePort + "/metrics");
    mine = Scrape.of(client, "http://127.0.0.1:" + ourPort + "/metrics");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (ours != null) {
      ours.close();
    }
    if (nodeExporter != null) {
      nodeExporter.close();
    }
  }

  @Test
  void nodeMixinAlertNamesServedWithTheSameLabelNames() {
    List<String> differences = new ArrayList<>();
    int served = 0;
    for (String name : NODE_MIXIN_ALERTS) {
      Set<Set<String>> expected = labelNames(theirs, name);
      if (expected.isEmpty()) {
        continue; // not on this host (no conntrack module...): nothing to compare with
      }
      served++;
      Set<Set<String>> actual = labelNames(mine, name);
      if (!expected.equals(actual)) {
        differences.add(name + ": node_exporter " + expected + ", ours " + actual);
      }
    }
    assertTrue(
        served >= NODE_MIXIN_ALERTS.size() - 2,
        "node_exporter serves only " + served + " of the node-mixin's names here");
    assertEquals(List.of(), differences);
  }

  /** The label names of each series of {@code sampleName}, e.g. {@code [[cpu, mode]]}. */
  static Set<Set<String>> labelNames(Scrape scrape, String sampleName) {
    Set<Set<String>> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Map<String, String> labels : scrape.series(sampleName).keySet()) {
      out.add(new TreeSet<>(labels.keySet()));
    }
    return out;
  }
}
