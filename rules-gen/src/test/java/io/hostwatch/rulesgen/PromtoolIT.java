package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated files against the real tools: promtool (check rules with the duplicate-rule lint,
 * the generated unit tests, check config) and amtool (check-config, routes for every severity).
 * Generation runs through the shaded jar, as bin/rules-gen does.
 */
class PromtoolIT {
  record Result(int code, String output) {}

  @ParameterizedTest
  @ValueSource(
      strings = {"examples/thresholds.yml", "rules-gen/src/test/resources/spec/full.good.yml"})
  void generatedRulesTestsAndConfigsPassTheRealTools(String file, @TempDir Path dir)
      throws Exception {
    Path out = generate(ModuleJars.repoRoot().resolve(file), dir);
    Path prom = out.resolve("prometheus");
    Result lint =
        run(
            dir,
            "promtool",
            "check",
            "rules",
            "--lint=duplicate-rules",
            "--lint-fatal",
            prom.resolve("rules/hostwatch-recording.yml").toString(),
            prom.resolve("rules/hostwatch-alerts.yml").toString());
    assertEquals(0, lint.code(), lint.output());
    Result tests = run(dir, concat("promtool", "test", "rules", files(prom.resolve("tests"))));
    assertEquals(0, tests.code(), tests.output());
    assertEquals(5, count(tests.output(), "SUCCESS"), tests.output());
    Result config =
        run(dir, "promtool", "check", "config", prom.resolve("prometheus.yml").toString());
    assertEquals(0, config.code(), config.output());
    Path am = out.resolve("alertmanager/alertmanager.yml");
    Result amCheck = run(dir, "amtool", "check-config", am.toString());
    assertEquals(0, amCheck.code(), amCheck.output());
    for (String severity : List.of("critical", "warning")) {
      Result route =
          run(
              dir,
              "amtool",
              "config",
              "routes",
              "test",
              "--config.file=" + am,
              "severity=" + severity);
      assertEquals(0, route.code(), route.output());
      assertEquals(
          severity,
          route.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse(""));
    }
    Result other =
        run(dir, "amtool", "config", "routes", "test", "--config.file=" + am, "severity=info");
    assertEquals(
        "default",
        other.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse(""));
  }

  /**
   * The generated tests can fail: without keep_firing_for, or with the override ignored, the same
   * tests must not pass. This also shows that promtool 2.42 honours keep_firing_for.
   */
  @ParameterizedTest
  @ValueSource(strings = {"keep_firing_for", "override"})
  void generatedTestsFailWhenTheRulesAreBroken(String breakage, @TempDir Path dir)
      throws Exception {
    Path out = generate(ModuleJars.repoRoot().resolve("examples/thresholds.yml"), dir);
    Path prom = out.resolve("prometheus");
    Path rules;
    String test;
    if (breakage.equals("keep_firing_for")) {
      rules = prom.resolve("rules/hostwatch-alerts.yml");
      test = "tests/host-high-memory.test.yml";
      rewrite(rules, Files.readString(rules).replaceAll("(?m)^\\s+keep_firing_for: .*\\n", ""));
    } else {
      rules = prom.resolve("rules/hostwatch-recording.yml");
      test = "tests/host-high-cpu.test.yml";
      rewrite(rules, Files.readString(rules).replace("role=\"batch\"", "role=\"nobody\""));
    }
    Result broken = run(dir, "promtool", "test", "rules", prom.resolve(test).toString());
    assertNotEquals(0, broken.code(), broken.output());
    assertTrue(broken.output().contains("FAILED"), broken.output());
  }

  static Path generate(Path thresholds, Path dir) throws Exception {
    Binaries.require("promtool");
    Binaries.require("amtool");
    Path out = dir.resolve("out");
    Result r =
        run(
            dir,
            RealProcess.javaJar(
                ModuleJars.of("rules-gen"),
                "generate",
                "--config",
                thresholds.toString(),
                "--output",
                out.toString()));
    assertEquals(0, r.code(), r.output());
    return out;
  }

  private static void rewrite(Path file, String text) throws IOException {
    assertNotEquals(Files.readString(file), text, "the breakage changed nothing in " + file);
    Files.writeString(file, text);
  }

  private static String[] files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::toString).sorted().toArray(String[]::new);
    }
  }

  private static String[] concat(String a, String b, String c, String... rest) {
    List<String> all = new ArrayList<>(List.of(a, b, c));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static int count(String text, String word) {
    return text.split(word, -1).length - 1;
  }

  static Result run(Path dir, String... cmd) throws Exception {
    return run(dir, List.of(cmd));
  }

  static Result run(Path dir, List<String> cmd) throws Exception {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
