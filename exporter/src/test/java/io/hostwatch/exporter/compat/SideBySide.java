package io.hostwatch.exporter.compat;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's node_exporter and our exporter's jar, started with the same flags on free loopback ports
 * and ready to be scraped: what every test comparing the two starts from.
 */
final class SideBySide implements AutoCloseable {
  /**
   * Debian patches node_exporter's defaults (it turns the systemd collector on, and also excludes
   * /run, /mnt and /media, and the loopback device); ours follow upstream node_exporter 1.5, so
   * Debian's binary is told upstream's values.
   */
  static final List<String> UPSTREAM_DEFAULTS =
      List.of(
          "--no-collector.systemd",
          "--collector.filesystem.mount-points-exclude="
              + "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
          "--collector.filesystem.fs-types-exclude="
              + "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs"
              + "|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs"
              + "|squashfs|sysfs|tracefs)$",
          "--collector.netdev.device-exclude=");

  private final HttpClient client = HttpClient.newHttpClient();
  private final RealProcess nodeExporter;
  private final RealProcess ours;
  private final String nodeExporterUrl;
  private final String ourUrl;

  private SideBySide(RealProcess nodeExporter, int nePort, RealProcess ours, int ourPort) {
    this.nodeExporter = nodeExporter;
    this.ours = ours;
    this.nodeExporterUrl = "http://127.0.0.1:" + nePort + "/metrics";
    this.ourUrl = "http://127.0.0.1:" + ourPort + "/metrics";
  }

  /**
   * Starts both with {@code flags} (node_exporter also with {@link #UPSTREAM_DEFAULTS}, ours also
   * with {@code oursOnly}) and waits until both answer.
   */
  static SideBySide start(Path workDir, List<String> flags, List<String> oursOnly)
      throws IOException, InterruptedException {
    int nePort = FreePorts.next();
    int ourPort = FreePorts.next();
    List<String> neCmd =
        new ArrayList<>(
            List.of(
                Binaries.require("prometheus-node-exporter").toString(),
                "--web.listen-address=127.0.0.1:" + nePort));
    neCmd.addAll(UPSTREAM_DEFAULTS);
    neCmd.addAll(flags);
    List<String> ourArgs = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:" + ourPort));
    ourArgs.addAll(flags);
    ourArgs.addAll(oursOnly);
    RealProcess nodeExporter = RealProcess.start("node_exporter", workDir, neCmd);
    RealProcess ours;
    try {
      ours =
          RealProcess.start(
              "exporter",
              workDir,
              RealProcess.javaJar(ModuleJars.of("exporter"), ourArgs.toArray(String[]::new)));
    } catch (IOException | RuntimeException e) {
      nodeExporter.close();
      throw e;
    }
    SideBySide both = new SideBySide(nodeExporter, nePort, ours, ourPort);
    try {
      nodeExporter.awaitReady(both.nodeExporterUrl, Duration.ofSeconds(30));
      ours.awaitReady("http://127.0.0.1:" + ourPort + "/-/ready", Duration.ofSeconds(60));
    } catch (Exception | AssertionError e) {
      both.close();
      throw e;
    }
    return both;
  }

  static SideBySide start(Path workDir, List<String> flags)
      throws IOException, InterruptedException {
    return start(workDir, flags, List.of());
  }

  Scrape nodeExporter() throws IOException, InterruptedException {
    return Scrape.of(client, nodeExporterUrl);
  }

  Scrape ours() throws IOException, InterruptedException {
    return Scrape.of(client, ourUrl);
  }

  /**
   * Ours read between two readings of node_exporter's, after one warm-up scrape of ours (a JVM's
   * first scrape is slow, not wrong): what a counter of ours must lie between.
   */
  Readings readings() throws IOException, InterruptedException {
    ours();
    Scrape before = nodeExporter();
    Scrape mine = ours();
    return new Readings(before, mine, nodeExporter());
  }

  @Override
  public void close() throws InterruptedException {
    try {
      ours.close();
    } finally {
      nodeExporter.close();
    }
  }
}
