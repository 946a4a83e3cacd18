package io.hostwatch.alertwebhook;

import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real alert-webhook jar as a process, and an HTTP client for it. */
final class WebhookProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  final int port;
  final RealProcess process;
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebhookProcess(int port, RealProcess process, String authorization) {
    this.port = port;
    this.process = process;
    this.authorization = authorization;
  }

  /** Starts the jar on a free loopback port and waits until /-/ready answers 200. */
  static WebhookProcess start(Path dir, String name, String authorization, String... flags)
      throws Exception {
    return start(dir, name, authorization, List.of(), flags);
  }

  /** As {@link #start(Path, String, String, String...)}, with JVM options before {@code -jar}. */
  static WebhookProcess start(
      Path dir, String name, String authorization, List<String> jvmOptions, String... flags)
      throws Exception {
    int port = FreePorts.next();
    List<String> args = new ArrayList<>();
    args.add("--web.listen-address=127.0.0.1:" + port);
    args.addAll(List.of(flags));
    List<String> cmd =
        new ArrayList<>(
            RealProcess.javaJar(ModuleJars.of("alert-webhook"), args.toArray(String[]::new)));
    cmd.addAll(1, jvmOptions); // after the java binary, before -jar
    RealProcess p = RealProcess.start(name, dir, cmd);
    WebhookProcess w = new WebhookProcess(port, p, authorization);
    w.awaitReady();
    return w;
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.process().isAlive()) {
        throw new AssertionError("alert-webhook exited:\n" + process.log());
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("alert-webhook not ready:\n" + process.log());
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, byte[] body, String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return post(path, body.getBytes(StandardCharsets.UTF_8), authorization);
  }

  /** A sample value from /metrics, 0 when absent. */
  double metric(String name) throws IOException, InterruptedException {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }

  void kill() throws InterruptedException {
    process.kill();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  /** A firing notification whose subject names {@code host}. */
  static String notification(String groupKey, String alertname, String host) {
    return "{\"version\":\"4\",\"groupKey\":\""
        + groupKey
        + "\",\"status\":\"firing\",\"receiver\":\"ops\",\"groupLabels\":{\"alertname\":\""
        + alertname
        + "\"},\"commonLabels\":{\"alertname\":\""
        + alertname
        + "\"},\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\","
        + "\"truncatedAlerts\":0,\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\""
        + alertname
        + "\",\"instance\":\""
        + host
        + ":9110\"},\"annotations\":{\"summary\":\"test\"},"
        + "\"startsAt\":\"2026-01-01T10:00:00.123456Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
        + "\"generatorURL\":\"\",\"fingerprint\":\"fp-"
        + host
        + "\"}]}";
  }
}
