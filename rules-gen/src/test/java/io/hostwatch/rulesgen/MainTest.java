package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.rulesgen.output.OutputWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void checkAcceptsTheExample() {
    Run r = run("check", "--config", Golden.example().toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("OK"), r.out());
  }

  @Test
  void checkReportsEveryErrorWithExitTwoAndNoStackTrace(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("thresholds.yml");
    Files.copy(Golden.resources().resolve("spec/order.bad.yml"), bad);
    Run r = run("check", "--config", bad.toString());
    assertEquals(2, r.code());
    String expected =
        Files.readString(Golden.resources().resolve("spec/order.bad.err"))
            .replace("thresholds.yml:", bad + ":");
    assertEquals(expected, r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void generateWritesNothingWhenTheFileIsBad(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("thresholds.yml");
    Files.copy(Golden.resources().resolve("spec/range.bad.yml"), bad);
    Path out = dir.resolve("out");
    Run r = run("generate", "--config", bad.toString(), "--output", out.toString());
    assertEquals(2, r.code());
    assertFalse(Files.exists(out));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "no temp folder left behind");
    }
  }

  @Test
  void generateRemovesWhatItWroteBeforeAndNoLongerGenerates(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("stale"));
    Files.writeString(out.resolve("stale/old.yml"), "x");
    Files.writeString(out.resolve(OutputWriter.MARKER), "stale/old.yml\n");
    Run r = run("generate", "--config", Golden.example().toString(), "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    assertFalse(Files.exists(out.resolve("stale")), "the listed file and its emptied folder");
    assertTrue(Files.isRegularFile(out.resolve("prometheus/prometheus.yml")));
    assertTrue(
        Files.readString(out.resolve(OutputWriter.MARKER)).contains("prometheus/prometheus.yml"));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count(), "nothing beside the output folder");
    }
    try (var s = Files.list(out)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".rules-gen-")));
    }
  }

  @Test
  void diffOfABadFileIsExitTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("thresholds.yml");
    Files.copy(Golden.resources().resolve("spec/typo.bad.yml"), bad);
    Run r = run("diff", "--config", bad.toString(), "--output", dir.resolve("out").toString());
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertTrue(r.err().contains("did you mean \"warning\"?"), r.err());
  }

  @Test
  void badFlagIsExitTwo() {
    assertEquals(2, run("generate", "--nope").code());
  }

  @Test
  void diffExitsOneWhenSomethingWouldChangeAndZeroAfterGenerate(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out");
    String cfg = Golden.example().toString();
    Run before = run("diff", "--config", cfg, "--output", out.toString());
    assertEquals(1, before.code(), before.err());
    assertTrue(before.out().contains("+++ b/prometheus/prometheus.yml"), before.out());
    assertEquals(0, run("generate", "--config", cfg, "--output", out.toString()).code());
    Run after = run("diff", "--config", cfg, "--output", out.toString());
    assertEquals(0, after.code(), after.out());
    assertEquals("", after.out());
    Path rules = out.resolve("prometheus/rules/hostwatch-alerts.yml");
    Files.writeString(rules, Files.readString(rules).replace("for: 10m", "for: 1m"));
    Run edited = run("diff", "--config", cfg, "--output", out.toString());
    assertEquals(1, edited.code());
    assertTrue(edited.out().contains("-        for: 1m\n+        for: 10m\n"), edited.out());
  }

  @Test
  void completionPrintsABashScriptWithTheSubcommands() {
    Run r = run("completion");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
    for (String sub : new String[] {"generate", "check", "diff", "--config", "--output"}) {
      assertTrue(r.out().contains(sub), sub);
    }
  }
}
