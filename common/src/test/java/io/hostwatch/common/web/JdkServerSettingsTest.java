package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link WebServer} changes in the JDK server, seen on a real connection. The settings are
 * JVM-wide and read once, when the first JDK server of the JVM is made; in this test JVM other
 * tests make plain JDK servers first, so each check runs {@link NoDelayProbe} in a fresh JVM, as a
 * service starts. The header time limit is seen in {@link StalledConnectionsTest}.
 */
class JdkServerSettingsTest {

  @Test
  void acceptedConnectionsHaveNagleOff() throws Exception {
    // With Nagle on, a response's body waits for the client's delayed ACK of its headers.
    assertEquals("200 true", probe());
  }

  @Test
  void anExplicitSettingWins() throws Exception {
    // Also shows the probe can see the option off, so the check above can fail.
    assertEquals("200 false", probe("-Dsun.net.httpserver.nodelay=false"));
  }

  /** Runs the probe with the tests' class path and {@code jvmOptions}; returns its answer. */
  private static String probe(String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("--add-opens=jdk.httpserver/sun.net.httpserver=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NoDelayProbe.class.getName());
    Path log = Files.createTempFile("nodelay-probe", ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the probe did not finish in 60 s");
      }
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertEquals(0, p.exitValue(), output);
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
