package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** History for a real Prometheus, the way an operator backfills it: promtool from OpenMetrics. */
final class Backfill {
  private Backfill() {}

  /** Writes TSDB blocks for {@code openMetrics} into {@code data}, failing the test on an error. */
  static void into(Path data, Path openMetrics) throws Exception {
    Process p =
        new ProcessBuilder(
                Binaries.require("promtool").toString(),
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                openMetrics.toString(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "promtool hung");
    assertEquals(0, p.exitValue(), out);
  }
}
