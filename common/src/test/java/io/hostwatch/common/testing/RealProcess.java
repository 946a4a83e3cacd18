package io.hostwatch.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real process started by a test (prometheus, alertmanager, one of our jars), its output kept in
 * a log file that is printed when it fails to come up. Close it to stop it (SIGTERM, then SIGKILL).
 */
public final class RealProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String name;

  private RealProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code workDir}, output to {@code workDir/<name>.log}. */
  public static RealProcess start(String name, Path workDir, List<String> command)
      throws IOException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new RealProcess(name, p, log);
  }

  /** Command line that runs a module's shaded jar with the same JVM as the tests. */
  public static List<String> javaJar(Path jar, String... args) {
    var cmd = new java.util.ArrayList<String>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Waits until {@code url} answers 200, or fails with the process log. */
  public RealProcess awaitReady(String url, Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(name + " not ready at " + url + " after " + timeout + ":\n" + log());
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  /** The process output so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL, for crash tests. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
