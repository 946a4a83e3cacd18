package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.ModuleJars;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/run.sh} (what {@code make run} runs) with real processes: a component that dies is
 * reported and started again while the rest keep running; one stopped on purpose stays down until
 * asked back; {@code stop} leaves no process behind.
 */
class RunSupervisionIT {
  @TempDir Path state;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aDeadComponentIsReportedAndRestartedAndOneStoppedOnPurposeStaysDown() throws Exception {
    Binaries.require("prometheus");
    Binaries.require("prometheus-alertmanager");
    Path root = ModuleJars.repoRoot();
    Path log = state.resolve("run.log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", "scripts/run.sh", "start")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("HOSTWATCH_RUN_DIR", state.resolve("run").toString());
    Process run = pb.start();
    try {
      await(() -> Files.readString(log).contains("Hostwatch is running"), 300, log, run);
      long prometheus = pid("prometheus");
      long exporter = pid("exporter");

      new ProcessBuilder("kill", "-9", Long.toString(exporter)).start().waitFor();
      await(() -> Files.readString(log).contains("exporter exited (status 137)"), 30, log, run);
      await(() -> ready(9110) && pid("exporter") != exporter, 60, log, run);
      assertEquals(prometheus, pid("prometheus"), "prometheus kept running");
      assertTrue(ProcessHandle.of(prometheus).map(ProcessHandle::isAlive).orElse(false));

      script("stop", "exporter");
      Thread.sleep(5000); // several supervisor rounds: it must not bring the exporter back
      assertFalse(ready(9110), "a component stopped on purpose stays down");
      assertTrue(run.isAlive(), "the rest keep running:\n" + Files.readString(log));

      script("start", "exporter");
      await(() -> ready(9110), 60, log, run);

      List<Long> pids = new ArrayList<>();
      for (String name :
          List.of(
              "prometheus",
              "alertmanager",
              "exporter",
              "forecaster",
              "alert-webhook",
              "registry")) {
        pids.add(pid(name));
      }
      script("stop");
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "stop ended the foreground run");
      assertEquals(0, run.exitValue(), Files.readString(log));
      for (long p : pids) {
        await(() -> !running(p), 10, log, null);
      }
    } finally {
      if (run.isAlive()) {
        script("stop");
        run.destroyForcibly();
      }
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Alive and not a zombie waiting for init to reap it (its parent shell has just exited). */
  private static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String s = Files.readString(stat);
    return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
  }

  private static void await(Check c, int seconds, Path log, Process run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!c.holds()) {
      assertTrue(run == null || run.isAlive(), "run.sh exited:\n" + Files.readString(log));
      assertTrue(
          System.nanoTime() < deadline, "not within " + seconds + " s:\n" + Files.readString(log));
      Thread.sleep(250);
    }
  }

  private long pid(String name) throws IOException {
    Path file = state.resolve("run/pids/" + name + ".pid");
    return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
  }

  private boolean ready(int port) {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String script(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", "scripts/run.sh"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(ModuleJars.repoRoot().toFile()).redirectErrorStream(true);
    pb.environment().put("HOSTWATCH_RUN_DIR", state.resolve("run").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run.sh " + String.join(" ", args) + " hung");
    assertNotEquals(2, p.exitValue(), out);
    return out;
  }
}
