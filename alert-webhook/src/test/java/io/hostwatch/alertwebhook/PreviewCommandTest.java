package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {
  @TempDir Path dir;

  private int run(StringWriter out, StringWriter err, String... args) {
    return Main.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
  }

  @Test
  void writesSubjectHtmlTextAndEml() throws Exception {
    Path payload = dir.resolve("n.json");
    Files.writeString(payload, WebhookProcess.notification("g", "HostHighCpu", "web-1"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "preview",
            "--payload",
            payload.toString(),
            "--output",
            dir.resolve("o").toString());
    assertEquals(0, code, err.toString());
    assertEquals("[FIRING:1] HostHighCpu web-1\n", Files.readString(dir.resolve("o/subject.txt")));
    assertTrue(Files.readString(dir.resolve("o/email.html")).contains("<!DOCTYPE html>"));
    assertTrue(Files.readString(dir.resolve("o/email.txt")).contains("HostHighCpu on web-1"));
    String eml = Files.readString(dir.resolve("o/email.eml"));
    assertTrue(eml.contains("Subject: [FIRING:1] HostHighCpu web-1"), eml);
    assertTrue(eml.contains("multipart/alternative"), eml);
  }

  @Test
  void aBadPayloadIsAUsageErrorWithTheReason() throws Exception {
    Path payload = dir.resolve("bad.json");
    Files.writeString(payload, "{\"alerts\": 3}");
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "preview",
            "--payload",
            payload.toString(),
            "--output",
            dir.toString());
    assertEquals(2, code);
    assertEquals(payload + ": alerts: expected an array, got number\n", err.toString());
  }
}
