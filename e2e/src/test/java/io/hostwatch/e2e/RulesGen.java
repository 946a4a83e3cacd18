package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** rules-gen's jar as the e2e tests run it, and the one kind of edit they make to its output. */
final class RulesGen {
  private RulesGen() {}

  /** {@code rules-gen generate --config thresholds --output out}, failing the test on an error. */
  static Path generate(Path thresholds, Path out) throws Exception {
    Process gen =
        new ProcessBuilder(
                RealProcess.javaJar(
                    ModuleJars.of("rules-gen"),
                    "generate",
                    "--config",
                    thresholds.toString(),
                    "--output",
                    out.toString()))
            .redirectErrorStream(true)
            .start();
    String log = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, gen.waitFor(), log);
    return out;
  }

  /**
   * Replaces {@code from} with {@code to} in a generated file, failing when it is not there: a test
   * that shortens a timing must notice when the generated text changes.
   */
  static void tune(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.contains(from), file + " has " + from + ":\n" + text);
    Files.writeString(file, text.replace(from, to));
  }
}
