package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.ModuleJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, word for word, on a clean clone: the first shell block ({@code make
 * run}) in the background until it says the stack is up, then every line of the second block must
 * succeed, and the last one ({@code make stop}) must end the first. The same again for the demo
 * ({@code make demo}), whose alert email must reach the outbox within about a minute.
 */
class QuickstartIT {
  @TempDir Path dir;

  static List<List<String>> quickStartBlocks(String readme) {
    int start = readme.indexOf("## Quick start");
    assertTrue(start >= 0, "README has a Quick start section");
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<List<String>> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      blocks.add(m.group(1).lines().filter(l -> !l.isBlank()).toList());
    }
    return blocks;
  }

  @Test
  void readmeQuickStartWorksOnACleanClone() throws Exception {
    Binaries.require("prometheus");
    Binaries.require("prometheus-alertmanager");
    Path clone = dir.resolve("hostwatch");
    run(dir, "git", "clone", "--quiet", ModuleJars.repoRoot().toString(), clone.toString());
    List<List<String>> blocks =
        quickStartBlocks(Files.readString(clone.resolve("README.md"), StandardCharsets.UTF_8));
    assertEquals(4, blocks.size(), "quick start: start, try and stop; demo, look and stop");
    assertEquals(List.of("make run"), blocks.get(0));
    assertEquals(List.of("make demo"), blocks.get(2));
    startTryStop(clone, blocks.get(0).get(0), blocks.get(1), null);
    startTryStop(
        clone, blocks.get(2).get(0), blocks.get(3), clone.resolve(".run/data/alert-webhook/sent"));
  }

  /**
   * Runs {@code start} in the background until the stack is up, waits for an .eml in {@code outbox}
   * if given, then runs every line of {@code lines}; the last one stops the stack.
   */
  private void startTryStop(Path clone, String start, List<String> lines, Path outbox)
      throws Exception {
    Path log = dir.resolve(start.replace(' ', '-') + ".log");
    Process makeRun =
        new ProcessBuilder("bash", "-c", start)
            .directory(clone.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!Files.readString(log).contains("Hostwatch is running")) {
        assertTrue(makeRun.isAlive(), "make run exited early:\n" + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "make run not up:\n" + Files.readString(log));
        Thread.sleep(500);
      }
      if (outbox != null) {
        // The demo's promise: an alert email within about a minute of the stack being up.
        long mailDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!hasEml(outbox)) {
          assertTrue(
              System.nanoTime() < mailDeadline,
              "no alert email within 90 s:\n" + Files.readString(log));
          Thread.sleep(500);
        }
      }
      // No sleep here: "running" promises that Prometheus has already scraped every target.
      for (String line : lines) {
        String out = run(clone, "bash", "-c", line);
        assertTrue(!out.isBlank() || line.startsWith("make stop"), line + " printed nothing");
      }
      assertTrue(makeRun.waitFor(60, TimeUnit.SECONDS), "make stop did not end make run");
      assertEquals(0, makeRun.exitValue(), Files.readString(log));
    } finally {
      if (makeRun.isAlive()) {
        run(clone, "make", "stop");
        makeRun.destroyForcibly();
      }
    }
  }

  private static boolean hasEml(Path outbox) throws IOException {
    if (!Files.isDirectory(outbox)) {
      return false;
    }
    try (var files = Files.list(outbox)) {
      return files.anyMatch(p -> p.toString().endsWith(".eml"));
    }
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " hung");
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
    return out;
  }
}
