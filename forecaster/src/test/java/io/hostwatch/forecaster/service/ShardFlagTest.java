package io.hostwatch.forecaster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hostwatch.forecaster.MainAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad {@code --shard} is a usage error that says what was expected, before anything starts. */
class ShardFlagTest {
  @TempDir Path dir;

  @Test
  void aShardOutOfRangeIsRefusedWithExitTwoAndTheExpectedForm() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("forecaster.yml"),
            "prometheus: {url: 'http://127.0.0.1:9'}\nforecasts: [{name: a, query: up}]\n");
    StringWriter err = new StringWriter();
    int code =
        MainAccess.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err))
            .execute("--config.file=" + config, "--web.listen-address=127.0.0.1:0", "--shard=3/3");
    assertEquals(2, code, err.toString());
    assertEquals(
        "command line: --shard: shard 3/3 (expected i/n with n >= 1 and 0 <= i < n, e.g. 0/3)",
        err.toString().strip());
    assertFalse(err.toString().contains("\tat "), "no stack trace");
  }
}
