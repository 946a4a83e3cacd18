package io.hostwatch.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Debian's single-node VictoriaMetrics as a real process on a free loopback port, its data in a
 * test's temporary folder. It runs with the defaults an operator gets (the 30 s latency offset, the
 * response cache) so that tests see the answers our clients will meet; only the address, the data
 * path and the retention are set.
 *
 * <pre>{@code
 * try (VictoriaMetrics vm = VictoriaMetrics.start(dir)) {
 *   vm.importPrometheus("up{job=\"node\"} 1 " + millis + "\n");
 *   // query vm.url() + "/api/v1/query_range?..."
 * }
 * }</pre>
 */
public final class VictoriaMetrics implements AutoCloseable {
  private final RealProcess process;
  private final int port;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  private VictoriaMetrics(RealProcess process, int port, String authorization) {
    this.process = process;
    this.port = port;
    this.authorization = authorization;
  }

  /** Starts {@code victoria-metrics} with its data in {@code dir/vm-data}; fails if missing. */
  public static VictoriaMetrics start(Path dir) throws IOException, InterruptedException {
    return start(dir, null, null);
  }

  /**
   * As {@link #start(Path)}, every API path behind basic auth when {@code username} is not null
   * ({@code -httpAuth.*}; the health endpoints stay open). The helper's own calls authenticate.
   */
  public static VictoriaMetrics start(Path dir, String username, String password)
      throws IOException, InterruptedException {
    Path binary = Binaries.require("victoria-metrics");
    int port = FreePorts.next();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("-httpListenAddr=127.0.0.1:" + port);
    command.add("-storageDataPath=" + dir.resolve("vm-data"));
    // Backfilled history is days old; the default (one month) would do, but say it.
    command.add("-retentionPeriod=30d");
    String authorization = null;
    if (username != null) {
      command.add("-httpAuth.username=" + username);
      command.add("-httpAuth.password=" + password);
      String pair = username + ":" + password;
      authorization =
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    RealProcess p = RealProcess.start("victoria-metrics", dir, command);
    try {
      p.awaitReady("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(60));
    } catch (AssertionError e) {
      p.close();
      throw e;
    }
    return new VictoriaMetrics(p, port, authorization);
  }

  /** The base URL of its Prometheus-compatible API, e.g. {@code http://127.0.0.1:8428}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Where Prometheus' {@code remote_write} sends samples. */
  public String remoteWriteUrl() {
    return url() + "/api/v1/write";
  }

  public RealProcess process() {
    return process;
  }

  /**
   * Imports samples in the text exposition format, each line with a timestamp in milliseconds, and
   * makes them searchable at once: VictoriaMetrics otherwise buffers new samples for about a
   * second.
   */
  public void importPrometheus(String exposition) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            request("/api/v1/import/prometheus")
                .POST(HttpRequest.BodyPublishers.ofString(exposition, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError("import refused: HTTP " + r.statusCode() + " " + r.body());
    }
    HttpResponse<String> flush =
        http.send(request("/internal/force_flush").build(), HttpResponse.BodyHandlers.ofString());
    if (flush.statusCode() != 200) {
      throw new AssertionError("force_flush: HTTP " + flush.statusCode() + " " + flush.body());
    }
  }

  /** The body of a GET to {@code url() + pathAndQuery}. */
  public String get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
