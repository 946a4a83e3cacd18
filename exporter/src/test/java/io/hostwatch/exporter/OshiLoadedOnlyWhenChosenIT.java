package io.hostwatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSHI and JNA cost start-up time and memory the procfs backend does not need: the real jar, run
 * with the JVM's class-loading log, must load none of their classes through start-up and two
 * scrapes of every default collector, and must load them once {@code --host.backend=oshi} asks
 * (which also shows the log would name them).
 */
class OshiLoadedOnlyWhenChosenIT {
  /**
   * A line of {@code -Xlog:class+load}: {@code [0.15s][info][class,load] oshi.SystemInfo source:
   * ...}.
   */
  private static final Pattern OSHI_OR_JNA =
      Pattern.compile("(?m)\\[class,load\\] ((oshi|com\\.sun\\.jna)\\.\\S+)");

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private String classesLoadedThroughTwoScrapes(String name, String... extra) throws Exception {
    int port = FreePorts.next();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xlog:class+load=info");
    cmd.add("-jar");
    cmd.add(ModuleJars.of("exporter").toString());
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--host.id-file=" + dir.resolve(name + "-host-id"));
    cmd.addAll(List.of(extra));
    try (RealProcess p = RealProcess.start(name, dir, cmd)) {
      String url = "http://127.0.0.1:" + port;
      p.awaitReady(url + "/-/ready", Duration.ofSeconds(60));
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("node_cpu_seconds_total{"), "no CPU figures scraped");
      }
      String log = p.log();
      assertTrue(
          log.contains("[class,load] io.hostwatch.exporter.collector.CpuCollector "),
          "no class-loading log:\n" + log.substring(0, Math.min(2000, log.length())));
      return log;
    }
  }

  private static List<String> oshiAndJnaClasses(String log) {
    List<String> found = new ArrayList<>();
    Matcher m = OSHI_OR_JNA.matcher(log);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void procfsBackendLoadsNoOshiOrJnaClass() throws Exception {
    String log = classesLoadedThroughTwoScrapes("procfs");
    assertTrue(log.contains("[class,load] io.hostwatch.exporter.host.LinuxHost "), "not procfs");
    assertEquals(List.of(), oshiAndJnaClasses(log));
  }

  @Test
  void oshiBackendLoadsThem() throws Exception {
    List<String> classes =
        oshiAndJnaClasses(classesLoadedThroughTwoScrapes("oshi", "--host.backend=oshi"));
    assertTrue(classes.contains("oshi.SystemInfo"), classes.toString());
    assertTrue(classes.stream().anyMatch(c -> c.startsWith("com.sun.jna.")), classes.toString());
  }
}
