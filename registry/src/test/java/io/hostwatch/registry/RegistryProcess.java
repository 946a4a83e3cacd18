package io.hostwatch.registry;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The registry as users start it, through {@code bin/registry} (the launcher's JVM flags, its heap
 * cap included), with a web config giving two users, alice and bob, on a free loopback port.
 */
final class RegistryProcess implements AutoCloseable {
  static final String ALICE = "alice";
  static final String BOB = "bob";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int port;
  final Path storage;
  private final RealProcess process;

  private RegistryProcess(int port, Path storage, RealProcess process) {
    this.port = port;
    this.storage = storage;
    this.process = process;
  }

  /** Writes {@code dir/web.yml} (bcrypt cost 4: a fast test) unless it exists. */
  static Path webConfig(Path dir) throws Exception {
    Path web = dir.resolve("web.yml");
    if (!Files.exists(web)) {
      Files.writeString(
          web,
          "basic_auth_users:\n  "
              + ALICE
              + ": "
              + BCrypt.withDefaults().hashToString(4, password(ALICE).toCharArray())
              + "\n  "
              + BOB
              + ": "
              + BCrypt.withDefaults().hashToString(4, password(BOB).toCharArray())
              + "\n");
    }
    return web;
  }

  static String password(String user) {
    return user + "-secret";
  }

  static RegistryProcess start(Path dir, String... flags) throws Exception {
    return start(dir, FreePorts.next(), flags);
  }

  static RegistryProcess start(Path dir, int port, String... flags) throws Exception {
    Path storage = dir.resolve("data");
    List<String> cmd = new ArrayList<>();
    cmd.add(ModuleJars.repoRoot().resolve("bin/registry").toString());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--storage.path=" + storage);
    cmd.add("--web.config.file=" + webConfig(dir));
    cmd.addAll(List.of(flags));
    RealProcess p = RealProcess.start("registry", dir, cmd);
    try {
      p.awaitReady("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(30));
    } catch (AssertionError e) {
      p.close(); // no process left behind by a failed start
      throw e;
    }
    return new RegistryProcess(port, storage, p);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** POST /api/v1/register as {@code user} (null: no credentials). */
  HttpResponse<String> register(String user, String body) throws Exception {
    return register(user, password(user), body);
  }

  HttpResponse<String> register(String user, String password, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url("/api/v1/register")))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      String basic = user + ":" + password;
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String targets() throws Exception {
    HttpResponse<String> r = get("/api/v1/targets");
    if (r.statusCode() != 200) {
      throw new AssertionError("GET /api/v1/targets: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  static String body(String hostId, String address) {
    return "{\"host_id\":\"" + hostId + "\",\"address\":\"" + address + "\"}";
  }

  static String body(String hostId, String address, String labelsJson) {
    return "{\"host_id\":\""
        + hostId
        + "\",\"address\":\""
        + address
        + "\",\"labels\":"
        + labelsJson
        + "}";
  }

  boolean alive() {
    return process.process().isAlive();
  }

  /** Sends SIGTERM and returns the exit status, or -1 if it is still running after 20 s. */
  int terminate() throws InterruptedException {
    process.process().destroy();
    return process.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)
        ? process.process().exitValue()
        : -1;
  }

  String log() {
    return process.log();
  }

  /** SIGKILL of the JVM (the launcher execs it, so the pid is the JVM's). */
  void kill() throws InterruptedException {
    process.kill();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
