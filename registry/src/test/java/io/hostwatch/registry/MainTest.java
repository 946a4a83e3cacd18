package io.hostwatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    return Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void badWebConfigIsAUsageErrorNamingFileAndLine() throws Exception {
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users: {}\ntls_server_confg: {}\n");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "--web.listen-address=127.0.0.1:0",
            "--storage.path=" + dir,
            "--web.config.file=" + web);
    assertEquals(2, code, err.toString());
    assertTrue(
        err.toString().startsWith(web + ":2:1: tls_server_confg: unknown key"), err.toString());
    assertTrue(!err.toString().contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void badTtlIsAUsageError() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--registry.ttl=soon", "--storage.path=" + dir));
    assertTrue(err.toString().contains("not a valid duration \"soon\""), err.toString());
  }
}
