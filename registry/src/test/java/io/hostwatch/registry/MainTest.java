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
  void badTtlIsAUsageError() throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--registry.ttl=soon", "--storage.path=" + dir, webConfig()));
    assertTrue(err.toString().contains("not a valid duration \"soon\""), err.toString());
  }

  @Test
  void registeringNeedsAWebConfigWithCredentials() throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--web.listen-address=127.0.0.1:0", "--storage.path=" + dir));
    assertTrue(err.toString().contains("--web.config.file"), err.toString());

    Path web = dir.resolve("headers-only.yml");
    Files.writeString(web, "http_server_config:\n  headers: {X-Frame-Options: deny}\n");
    err = new StringWriter();
    assertEquals(
        2,
        run(
            err,
            "--web.listen-address=127.0.0.1:0",
            "--storage.path=" + dir,
            "--web.config.file=" + web));
    assertTrue(
        err.toString().contains(web + ": no basic_auth_users, bearer_tokens or bearer_token_file"),
        err.toString());
  }

  @Test
  void badCidrIsAUsageError() throws Exception {
    StringWriter err = new StringWriter();
    assertEquals(
        2, run(err, "--registry.allowed-cidrs=10.0.0.0/33", "--storage.path=" + dir, webConfig()));
    assertTrue(err.toString().contains("\"10.0.0.0/33\": prefix must be 0-32"), err.toString());
    err = new StringWriter();
    assertEquals(
        2, run(err, "--registry.allowed-cidrs=intranet", "--storage.path=" + dir, webConfig()));
    assertTrue(err.toString().contains("not a CIDR range \"intranet\""), err.toString());
  }

  private String webConfig() throws Exception {
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "bearer_tokens: [t]\n");
    return "--web.config.file=" + web;
  }
}
