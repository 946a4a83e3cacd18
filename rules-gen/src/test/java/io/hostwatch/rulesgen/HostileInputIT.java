package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.rulesgen.PromtoolIT.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real rules-gen jar given what a careless or hostile user would give it: an output folder that
 * holds other things, a file for a folder, values that would break the generated files, and a huge
 * input. Each is refused with exit 2 and a message, and nothing of the user's is touched.
 */
class HostileInputIT {
  @TempDir Path dir;
  private Path logs;
  private Path project;
  private Path thresholds;

  @BeforeEach
  void project() throws Exception {
    logs = Files.createDirectories(dir.resolve("logs"));
    project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve(".git"));
    Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    thresholds = project.resolve("thresholds.yml");
    Files.copy(ModuleJars.repoRoot().resolve("examples/thresholds.yml"), thresholds);
  }

  private Result rulesGen(Path workDir, String... args) throws Exception {
    List<String> cmd = RealProcess.javaJar(ModuleJars.of("rules-gen"), args);
    List<String> inDir = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\""));
    inDir.add(workDir.toString());
    inDir.addAll(cmd);
    return PromtoolIT.run(logs, inDir);
  }

  private static List<String> listing(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void theCurrentFolderIsNotReplaced() throws Exception {
    List<String> before = listing(project);
    Result r = rulesGen(project, "generate", "--config", "thresholds.yml", "--output", ".");
    assertEquals(2, r.code(), r.output());
    assertTrue(
        r.output().contains("--output: is not empty and was not written by rules-gen"), r.output());
    assertFalse(r.output().contains("Exception"), r.output());
    assertEquals(before, listing(project));
  }

  @Test
  void theConfigsOwnFolderWithGitIsNotReplaced() throws Exception {
    List<String> before = listing(project);
    Result r =
        rulesGen(
            dir, "generate", "--config", thresholds.toString(), "--output", project.toString());
    assertEquals(2, r.code(), r.output());
    assertEquals(before, listing(project));
    assertEquals("ref: refs/heads/main\n", Files.readString(project.resolve(".git/HEAD")));
  }

  @Test
  void aRegularFileIsNotReplacedByAFolder() throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yml"), "keep me\n");
    Result r =
        rulesGen(dir, "generate", "--config", thresholds.toString(), "--output", file.toString());
    assertEquals(2, r.code(), r.output());
    assertTrue(r.output().contains("exists and is not a folder"), r.output());
    assertEquals("keep me\n", Files.readString(file));
  }

  @Test
  void itsOwnFolderIsRegeneratedKeepingWhatTheUserAddedAndReadableByAll() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(
        0,
        rulesGen(dir, "generate", "--config", thresholds.toString(), "--output", out.toString())
            .code());
    Path willFill = out.resolve("prometheus/tests/host-disk-will-fill.test.yml");
    assertTrue(Files.exists(willFill));
    Files.writeString(out.resolve("README.local"), "my notes\n");
    // Without disk_fill its test file is no longer generated, so it goes; the user's file stays.
    String text = Files.readString(thresholds);
    String withoutDiskFill = text.replaceFirst("(?m)^  disk_fill:.*\n", "");
    assertFalse(withoutDiskFill.equals(text), "the example has disk_fill");
    Path smaller = Files.writeString(dir.resolve("smaller.yml"), withoutDiskFill);
    Result again =
        rulesGen(dir, "generate", "--config", smaller.toString(), "--output", out.toString());
    assertEquals(0, again.code(), again.output());
    assertFalse(Files.exists(willFill), "a file no longer generated is removed");
    assertEquals("my notes\n", Files.readString(out.resolve("README.local")));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    assertEquals(
        "rwxr-xr-x",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(out.resolve("prometheus/rules"))));
    assertEquals(
        "rw-r--r--",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(out.resolve("prometheus/rules/hostwatch-alerts.yml"))));
  }

  @Test
  void aControlCharacterInAMatchValueIsAnErrorAtItsLine() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yml"),
            "thresholds:\n  cpu: {warning: 80}\noverrides:\n  - match: {role: \"a\\nb\"}\n"
                + "    thresholds: {cpu: {warning: 70}}\n");
    for (String command : List.of("check", "generate")) {
      List<String> args = new ArrayList<>(List.of(command, "--config", bad.toString()));
      if (command.equals("generate")) {
        args.addAll(List.of("--output", dir.resolve("never").toString()));
      }
      Result r = rulesGen(dir, args.toArray(String[]::new));
      assertEquals(2, r.code(), r.output());
      assertTrue(
          r.output()
              .contains("bad.yml:4:19: overrides[0].match.role: value has a control character"),
          r.output());
    }
    assertFalse(Files.exists(dir.resolve("never")), "nothing written");
  }

  /**
   * Going to three forecaster replicas and back replaces forecaster.yml by one file per shard and
   * the other way round: no stale file is left for a forecaster to start with.
   */
  @Test
  void shardingAndUnshardingLeaveOnlyTheCurrentForecasterFiles() throws Exception {
    Path out = dir.resolve("out");
    String text = Files.readString(thresholds);
    Path sharded =
        Files.writeString(dir.resolve("sharded.yml"), text + "forecaster: {shards: 3}\n");
    assertEquals(
        0,
        rulesGen(dir, "generate", "--config", thresholds.toString(), "--output", out.toString())
            .code());
    Files.writeString(out.resolve("forecaster/local.yml"), "mine\n");
    Result r =
        rulesGen(dir, "generate", "--config", sharded.toString(), "--output", out.toString());
    assertEquals(0, r.code(), r.output());
    assertEquals(
        List.of(
            "forecaster-0-of-3.yml", "forecaster-1-of-3.yml", "forecaster-2-of-3.yml", "local.yml"),
        names(out.resolve("forecaster")));
    assertTrue(
        Files.readString(out.resolve("forecaster/forecaster-1-of-3.yml"))
            .contains("\nshard: 1/3\n"));
    r = rulesGen(dir, "generate", "--config", thresholds.toString(), "--output", out.toString());
    assertEquals(0, r.code(), r.output());
    assertEquals(List.of("forecaster.yml", "local.yml"), names(out.resolve("forecaster")));
  }

  /**
   * A store that is not an http(s) URL: exit 2 at its line, and a generated folder is untouched.
   */
  @Test
  void aRemoteWriteUrlThatIsNotHttpIsRefusedAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("out");
    assertEquals(
        0,
        rulesGen(dir, "generate", "--config", thresholds.toString(), "--output", out.toString())
            .code());
    String before = Files.readString(out.resolve("prometheus/prometheus.yml"));
    Path bad =
        Files.writeString(
            dir.resolve("bad.yml"),
            Files.readString(thresholds) + "remote_write:\n  - url: file:///etc/passwd\n");
    for (String command : List.of("check", "generate")) {
      List<String> args = new ArrayList<>(List.of(command, "--config", bad.toString()));
      if (command.equals("generate")) {
        args.addAll(List.of("--output", out.toString()));
      }
      Result r = rulesGen(dir, args.toArray(String[]::new));
      assertEquals(2, r.code(), r.output());
      assertTrue(
          r.output()
              .contains("bad.yml:25:10: remote_write[0].url: \"file:///etc/passwd\" is not a URL"),
          r.output());
      assertFalse(r.output().contains("Exception"), r.output());
    }
    assertEquals(before, Files.readString(out.resolve("prometheus/prometheus.yml")));
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aHugeCommentIsRefusedBeforeParsing() throws Exception {
    Path big = dir.resolve("big.yml");
    Files.writeString(
        big,
        "#" + "x".repeat(10_000_000) + "\n" + Files.readString(thresholds),
        StandardCharsets.UTF_8);
    Result r = rulesGen(dir, "check", "--config", big.toString());
    assertEquals(2, r.code(), r.output());
    assertTrue(
        r.output().contains("big.yml: file is larger than 1 MiB, comments included"), r.output());
  }
}
