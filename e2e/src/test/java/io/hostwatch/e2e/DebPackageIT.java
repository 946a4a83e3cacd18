package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter as a host gets it: the Debian package built by {@code packaging/build.sh} (what
 * {@code make dist} runs), installed with dpkg, started the way its systemd unit starts it (systemd
 * itself does not run here), upgraded to a rebuilt package while an admin's edit of its
 * /etc/default file is kept, then removed with the state left behind. It needs root, dpkg-dev and a
 * JDK with jlink, as CI has; when one is missing it fails, it never skips. The package is purged at
 * the end, and the user and state folder are removed if the test made them.
 */
class DebPackageIT {
  private static final String PKG = "hostwatch-exporter";
  private static final Path ROOT = ModuleJars.repoRoot();
  private static final Path DEFAULTS = Path.of("/etc/default/" + PKG);
  private static final Path UNIT = Path.of("/lib/systemd/system/" + PKG + ".service");
  private static final Path STATE = Path.of("/var/lib/hostwatch");
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @TempDir Path dir;

  @Test
  void installRunUpgradeAndRemoveTheExportersPackage() throws Exception {
    requireTools();
    assertFalse(
        run("dpkg-query", "-W", PKG).code() == 0,
        PKG + " is already installed on this machine; the test would replace it");
    boolean hadUser = run("getent", "passwd", "hostwatch").code() == 0;
    boolean hadState = Files.exists(STATE);
    try {
      installAndRun();
    } finally {
      Result purge = run("dpkg", "--purge", PKG);
      if (!hadState) {
        run("rm", "-rf", STATE.toString());
      }
      if (!hadUser) {
        run("userdel", "hostwatch");
      }
      assertEquals(0, purge.code(), "dpkg --purge: " + purge.out());
    }
  }

  private void installAndRun() throws Exception {
    Path first = build("0.1.0~it1");
    ok("dpkg", "-i", first.toString());
    assertEquals("install ok installed 0.1.0~it1", status());
    assertEquals(
        "hostwatch", owner(STATE), "postinst made the state folder for the hostwatch user");
    Matcher entrypoint =
        Pattern.compile("ln -s (\\S+) /usr/local/bin/hostwatch-entrypoint")
            .matcher(Files.readString(ROOT.resolve("deploy/docker/Dockerfile")));
    assertTrue(entrypoint.find(), "the Dockerfile links its entrypoint");
    assertTrue(
        Files.isExecutable(Path.of(entrypoint.group(1).replace("${TOOL}", "exporter"))),
        "the image's entrypoint " + entrypoint.group(1) + " is in the package");
    String unit = Files.readString(UNIT);
    assertTrue(unit.contains("EnvironmentFile=-" + DEFAULTS), unit);
    assertTrue(unit.contains("\nUser=hostwatch\n"), unit);
    String defaults = Files.readString(DEFAULTS);
    assertTrue(defaults.contains("--web.listen-address=:9110"), defaults);

    // What an admin does: listen on one address only, and a textfile metric in the state folder.
    int port = FreePorts.next();
    String edited =
        defaults.replace("--web.listen-address=:9110", "--web.listen-address=127.0.0.1:" + port)
            + "# changed on this host\n";
    Files.writeString(DEFAULTS, edited);
    Path textfile = STATE.resolve("textfile/debpackage_it.prom");
    Files.writeString(textfile, "# TYPE debpackage_it gauge\ndebpackage_it 1\n");
    String scrape = runAsTheUnitDoes(unit, port);
    assertTrue(scrape.contains("\nnode_cpu_seconds_total{"), scrape);
    assertTrue(scrape.contains("\nnode_memory_MemAvailable_bytes "), scrape);
    assertTrue(
        scrape.contains("\ndebpackage_it 1"), "textfile from /var/lib/hostwatch:\n" + scrape);

    Path second = build("0.1.0~it2");
    ok("dpkg", "-i", second.toString());
    assertEquals("install ok installed 0.1.0~it2", status());
    assertEquals(edited, Files.readString(DEFAULTS), "the admin's /etc/default edit is kept");
    assertTrue(runAsTheUnitDoes(Files.readString(UNIT), port).contains("\ndebpackage_it 1"));

    ok("dpkg", "-r", PKG);
    assertEquals("deinstall ok config-files 0.1.0~it2", status());
    assertFalse(Files.exists(Path.of("/usr/bin/" + PKG)), "the program is gone");
    assertFalse(Files.exists(Path.of("/usr/lib/" + PKG)), "the runtime is gone");
    assertTrue(Files.isRegularFile(textfile), "the state is left");
    assertEquals(edited, Files.readString(DEFAULTS), "remove keeps conffiles, purge takes them");
  }

  /**
   * Starts the unit's ExecStart the way systemd would (as User=, with EnvironmentFile='s ARGS),
   * checks it runs on the packaged runtime, scrapes it once, and stops it.
   */
  private String runAsTheUnitDoes(String unit, int port) throws Exception {
    String execStart = DeploymentFilesIT.execStart(unit).trim();
    assertEquals("/usr/bin/" + PKG + " $ARGS", execStart);
    String shell = "set -a; . " + DEFAULTS + "; exec " + execStart;
    // setpriv execs (runuser would fork): the pid stays the exporter's, whatever the launcher
    // execs.
    List<String> cmd =
        List.of(
            "setpriv",
            "--reuid=hostwatch",
            "--regid=hostwatch",
            "--init-groups",
            "--",
            "/bin/sh",
            "-c",
            shell);
    try (RealProcess exporter = RealProcess.start("installed-exporter", dir, cmd)) {
      String base = "http://127.0.0.1:" + port;
      exporter.awaitReady(base + "/-/ready", Duration.ofSeconds(60));
      Path exe = Path.of("/proc/" + exporter.pid() + "/exe").toRealPath();
      assertEquals(Path.of("/usr/lib/" + PKG + "/runtime/bin/java"), exe, "the packaged runtime");
      assertEquals("hostwatch", Files.getOwner(Path.of("/proc/" + exporter.pid())).getName());
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    }
  }

  /** The exporter's package, as make dist builds it but quickly compressed, in the temp dir. */
  private Path build(String version) throws Exception {
    Path out = dir.resolve("dist");
    ok(
        ROOT.resolve("packaging/build.sh").toString(),
        "--formats",
        "deb",
        "--compression",
        "gzip:1",
        "--version",
        version,
        "--out",
        out.toString(),
        "exporter");
    Path deb = out.resolve(PKG + "_" + version + "_" + arch() + ".deb");
    assertTrue(Files.isRegularFile(deb), deb + " built");
    return deb;
  }

  private static void requireTools() throws Exception {
    assertEquals("0", run("id", "-u").out().trim(), "dpkg -i needs root (CI runs as root)");
    for (String tool : List.of("dpkg", "dpkg-deb", "dpkg-shlibdeps", "setpriv")) {
      assertEquals(0, run("sh", "-c", "command -v " + tool).code(), tool + " not found");
    }
    for (String tool : List.of("jlink", "jdeps")) {
      assertTrue(
          Files.isExecutable(JAVA_HOME.resolve("bin").resolve(tool)),
          tool + " not in " + JAVA_HOME + ": the tests must run on a JDK 17 with jlink");
    }
  }

  private static String status() throws Exception {
    return ok("dpkg-query", "-W", "-f=${Status} ${Version}", PKG).trim();
  }

  private static String arch() throws Exception {
    return ok("dpkg", "--print-architecture").trim();
  }

  private static String owner(Path p) throws IOException {
    return Files.readAttributes(p, PosixFileAttributes.class).owner().getName();
  }

  private record Result(int code, String out) {}

  private static String ok(String... cmd) throws Exception {
    Result r = run(cmd);
    assertEquals(0, r.code(), String.join(" ", cmd) + ":\n" + r.out());
    return r.out();
  }

  private static Result run(String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true);
    pb.directory(ROOT.toFile());
    // The scripts use the JDK the tests run on; dpkg must never wait for an answer.
    pb.environment().put("JAVA_HOME", JAVA_HOME.toString());
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path log = Files.createTempFile("debpackage-it", ".log");
    try {
      Process p = pb.redirectOutput(log.toFile()).start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(
            String.join(" ", cmd) + " did not finish:\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
