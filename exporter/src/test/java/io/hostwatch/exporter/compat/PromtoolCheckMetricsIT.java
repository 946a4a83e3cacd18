package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool check metrics} (Prometheus' lint for names, units, HELP and types) on a live
 * scrape of the exporter with its default collectors and a textfile.
 *
 * <p>promtool 2.42 also objects to node_exporter's own names ({@code node_memory_MemTotal_bytes}
 * "should be snake_case"), which dashboard 1860 and the node-mixin depend on, so renaming them is
 * not an option: those complaints, and only those, are allowed, because promtool says exactly the
 * same of a scrape of Debian's node_exporter on the same host. Anything else it says is a failure.
 */
class PromtoolCheckMetricsIT {
  @TempDir Path workDir;

  @Test
  void promtoolSaysNothingItDoesNotAlsoSayOfNodeExporter() throws Exception {
    Path promtool = Binaries.require("promtool");
    Path textfiles = Files.createDirectories(workDir.resolve("textfile"));
    Files.writeString(
        textfiles.resolve("backup.prom"),
        "# HELP backup_last_success_timestamp_seconds When the last backup finished.\n"
            + "# TYPE backup_last_success_timestamp_seconds gauge\n"
            + "backup_last_success_timestamp_seconds{job=\"db\"} 1.7e9\n");
    try (SideBySide both =
        SideBySide.start(workDir, List.of("--collector.textfile.directory=" + textfiles))) {
      String body = both.ours().body();
      assertTrue(body.contains("\nnode_cpu_seconds_total{"), "scrape without cpu metrics");
      assertTrue(body.contains("\nbackup_last_success_timestamp_seconds{"), "textfile not served");
      Lint ours = lint(promtool, body);
      Lint theirs = lint(promtool, both.nodeExporter().body());

      List<String> ownComplaints = new ArrayList<>();
      for (String line : ours.lines()) {
        if (!theirs.lines().contains(line)) {
          ownComplaints.add(line);
        }
      }
      assertEquals(List.of(), ownComplaints, "promtool check metrics complaints of our own");
      // Exit 0 when promtool is silent; 3 (lint problems) only for node_exporter's inherited names.
      assertEquals(ours.lines().isEmpty() ? 0 : 3, ours.exitCode(), "exit code; said: " + ours);
    }
  }

  record Lint(int exitCode, Set<String> lines) {}

  static Lint lint(Path promtool, String scrape) throws IOException, InterruptedException {
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    check.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
    return new Lint(check.exitValue(), new TreeSet<>(output.lines().toList()));
  }
}
