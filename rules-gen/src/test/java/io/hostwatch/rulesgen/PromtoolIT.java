package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      strings = {
        "examples/thresholds.yml",
        "rules-gen/src/test/resources/spec/full.good.yml",
        "rules-gen/src/test/resources/spec/edge-levels.good.yml",
        "rules-gen/src/test/resources/spec/long-windows.good.yml",
        "rules-gen/src/test/resources/spec/tiny-levels.good.yml",
        "rules-gen/src/test/resources/spec/anomaly.good.yml",
        "rules-gen/src/test/resources/spec/fleet.good.yml",
        "rules-gen/src/test/resources/spec/mixin.good.yml",
        "rules-gen/src/test/resources/spec/saturation-disabled.good.yml",
        "rules-gen/src/test/resources/spec/saturation-overrides.good.yml",
        "rules-gen/src/test/resources/spec/saturation-critical.good.yml",
        "rules-gen/src/test/resources/spec/saturation-edge.good.yml"
      })
  void generatedRulesTestsAndConfigsPassTheRealTools(String file, @TempDir Path dir)
      throws Exception {
    Path out = generate(ModuleJars.repoRoot().resolve(file), dir);
    Path prom = out.resolve("prometheus");
    Result lint =
        run(
            dir,
            with(
                List.of("promtool", "check", "rules", "--lint=duplicate-rules", "--lint-fatal"),
                files(prom.resolve("rules"))));
    assertEquals(0, lint.code(), lint.output());
    Result tests =
        run(dir, with(List.of("promtool", "test", "rules"), files(prom.resolve("tests"))));
    assertEquals(0, tests.code(), tests.output());
    assertEquals(
        files(prom.resolve("tests")).length, count(tests.output(), "SUCCESS"), tests.output());
    Result config =
        run(dir, "promtool", "check", "config", prom.resolve("prometheus.yml").toString());
    assertEquals(0, config.code(), config.output());
    Path am = out.resolve("alertmanager/alertmanager.yml");
    Result amCheck = run(dir, "amtool", "check-config", am.toString());
    assertEquals(0, amCheck.code(), amCheck.output());
    // Every severity, and every notify entry's own labels, reach the receiver that the file's
    // first matching notify entry names (default when none matches).
    Spec spec = SpecLoader.load(ModuleJars.repoRoot().resolve(file));
    List<Map<String, String>> alerts = new ArrayList<>();
    for (String severity : List.of("critical", "warning", "info")) {
      alerts.add(Map.of("severity", severity));
    }
    spec.receivers().forEach(r -> alerts.add(r.match()));
    // And every generated alert at each of its severities, with the labels its rule sets.
    alerts.addAll(ruleLabels(prom.resolve("rules/hostwatch-alerts.yml")));
    for (Map<String, String> labels : alerts) {
      String expected =
          spec.receivers().stream()
              .filter(r -> labels.entrySet().containsAll(r.match().entrySet()))
              .map(Spec.ReceiverSpec::name)
              .findFirst()
              .orElse("default");
      List<String> cmd =
          new ArrayList<>(List.of("amtool", "config", "routes", "test", "--config.file=" + am));
      labels.forEach((k, v) -> cmd.add(k + "=" + v));
      Result route = run(dir, cmd);
      assertEquals(0, route.code(), route.output());
      assertEquals(
          expected,
          route.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse(""),
          labels.toString());
    }
  }

  /**
   * The generated tests can fail: without keep_firing_for, or with the override ignored, the same
   * tests must not pass. This also shows that promtool 2.42 honours keep_firing_for.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "keep_firing_for",
        "override",
        "warm_up",
        "forecasts",
        "load_override",
        "rate_window",
        "bond_labels"
      })
  void generatedTestsFailWhenTheRulesAreBroken(String breakage, @TempDir Path dir)
      throws Exception {
    boolean anomaly = breakage.equals("warm_up") || breakage.equals("forecasts");
    boolean saturation = Map.of("load_override", 1, "rate_window", 1).containsKey(breakage);
    String spec =
        anomaly
            ? "rules-gen/src/test/resources/spec/anomaly.good.yml"
            : saturation
                ? "rules-gen/src/test/resources/spec/saturation-overrides.good.yml"
                : "examples/thresholds.yml";
    Path out = generate(ModuleJars.repoRoot().resolve(spec), dir);
    Path prom = out.resolve("prometheus");
    Path rules;
    String test;
    if (anomaly) {
      rules = prom.resolve("rules/hostwatch-alerts.yml");
      test = "tests/host-anomaly.test.yml";
      String text = Files.readString(rules);
      rewrite(
          rules,
          breakage.equals("warm_up")
              ? text.replace("hostwatch_forecast_anomaly_warming_up == 1", "vector(0) == 1")
              : text.replace("forecast=~\"cpu_busy|", "forecast=~\".+|"));
    } else if (breakage.equals("load_override")) {
      rules = prom.resolve("rules/hostwatch-recording.yml");
      test = "tests/host-load-saturated.test.yml";
      rewrite(rules, Files.readString(rules).replace("role=\"batch\"", "role=\"nobody\""));
    } else if (breakage.equals("rate_window")) {
      // The tests replay a 5m rate, first minutes included: a 4m window must not pass them.
      rules = prom.resolve("rules/hostwatch-alerts.yml");
      test = "tests/host-disk-io-saturated.test.yml";
      rewrite(
          rules,
          Files.readString(rules)
              .replace(
                  "node_disk_io_time_weighted_seconds_total{job=\"node\",env=~\"prod|staging\"}[5m]",
                  "node_disk_io_time_weighted_seconds_total{job=\"node\",env=~\"prod|staging\"}[4m]"));
    } else if (breakage.equals("bond_labels")) {
      // Summing the bonds away loses the master label the alert must carry.
      rules = prom.resolve("rules/hostwatch-alerts.yml");
      test = "tests/host-bonding-degraded.test.yml";
      rewrite(
          rules,
          Files.readString(rules)
              .replace(
                  "node_bonding_slaves{job=\"node\"}",
                  "sum by (instance, job) (node_bonding_slaves{job=\"node\"})")
              .replace(
                  "node_bonding_active{job=\"node\"}",
                  "sum by (instance, job) (node_bonding_active{job=\"node\"})"));
    } else if (breakage.equals("keep_firing_for")) {
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

  /** A mistake under a newer key is refused by the real command: exit 2, every error positioned. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "anomaly.bad.yml",
        "anomaly-types.bad.yml",
        "remote-write.bad.yml",
        "fleet-types.bad.yml",
        "forecaster.bad.yml",
        "shards.bad.yml",
        "shards-ports.bad.yml",
        "saturation.bad.yml",
        "saturation-meaning.bad.yml"
      })
  void aBadNewerKeyExitsTwoWithEveryErrorAndWritesNothing(String fixture, @TempDir Path dir)
      throws Exception {
    Path spec = ModuleJars.repoRoot().resolve("rules-gen/src/test/resources/spec");
    Path bad = Files.copy(spec.resolve(fixture), dir.resolve("thresholds.yml"));
    Path out = dir.resolve("out");
    Result r =
        run(
            dir,
            RealProcess.javaJar(
                ModuleJars.of("rules-gen"),
                "generate",
                "--config",
                bad.toString(),
                "--output",
                out.toString()));
    assertEquals(2, r.code(), r.output());
    for (String line : Files.readAllLines(spec.resolve(fixture.replace(".yml", ".err")))) {
      assertTrue(r.output().contains(line), r.output());
    }
    assertTrue(!r.output().contains("Exception"), r.output());
    assertTrue(!Files.exists(out), "nothing written");
  }

  /** Per alerting rule: its name and the labels it sets (severity, and direction where set). */
  @SuppressWarnings("unchecked")
  static List<Map<String, String>> ruleLabels(Path alertsFile) throws IOException {
    Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(Files.readString(alertsFile));
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) doc.get("groups")) {
      for (Map<String, Object> r : (List<Map<String, Object>>) g.get("rules")) {
        if (r.containsKey("alert")) {
          Map<String, String> l = new java.util.TreeMap<>();
          l.put("alertname", (String) r.get("alert"));
          ((Map<String, Object>) r.get("labels")).forEach((k, v) -> l.put(k, String.valueOf(v)));
          out.add(l);
        }
      }
    }
    assertTrue(out.size() > 5, "alerting rules in " + alertsFile);
    return out;
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

  /** {@code head} followed by {@code files}. */
  private static List<String> with(List<String> head, String[] files) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(files));
    return all;
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
