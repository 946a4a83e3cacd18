package io.hostwatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it, on this machine. */
class ExporterIT {
  private static final Duration START = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private RealProcess start(String name, String... extra) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--web.listen-address=127.0.0.1:" + FreePorts.next());
    args.add("--host.id-file=" + dir.resolve("host-id"));
    args.addAll(List.of(extra));
    return RealProcess.start(
        name, dir, RealProcess.javaJar(ModuleJars.of("exporter"), args.toArray(String[]::new)));
  }

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesNodeExporterMetricsAndStopsOnSigterm() throws Exception {
    Path textfiles = Files.createDirectories(dir.resolve("textfiles"));
    Files.writeString(textfiles.resolve("good.prom"), "# TYPE backup_ok gauge\nbackup_ok 1\n");
    Files.writeString(textfiles.resolve("bad.prom"), "backup_age{ 3\n");
    int port = FreePorts.next();
    String url = "http://127.0.0.1:" + port;
    RealProcess p =
        RealProcess.start(
            "exporter",
            dir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"),
                "--web.listen-address=127.0.0.1:" + port,
                "--host.id-file=" + dir.resolve("host-id"),
                "--collector.textfile.directory=" + textfiles));
    try {
      p.awaitReady(url + "/-/ready", START);
      String body = get(url + "/metrics").body();
      for (String family :
          List.of(
              "# TYPE node_cpu_seconds_total counter",
              "# TYPE node_memory_MemTotal_bytes gauge",
              "# TYPE node_filesystem_avail_bytes gauge",
              "# TYPE node_network_receive_bytes_total counter",
              "# TYPE node_load1 gauge",
              "# TYPE node_boot_time_seconds gauge",
              "# TYPE node_uname_info gauge",
              "# TYPE node_os_info gauge",
              "# TYPE node_time_seconds gauge",
              "# TYPE process_resident_memory_bytes gauge",
              "# TYPE hostwatch_host_info gauge",
              "# TYPE memory_usage_percent gauge",
              "# TYPE network_bytes_sent_total counter",
              "backup_ok 1",
              "node_textfile_scrape_error 1",
              "node_filesystem_size_bytes{device=",
              "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}")) {
        assertTrue(body.contains(family), family + " missing in:\n" + body);
      }
      assertFalse(body.contains("jvm_"), "no JVM metrics node_exporter does not have");
      assertFalse(body.contains("node_scrape_collector_success{collector=\"cpu\"} 0"), body);
      assertTrue(p.log().contains("bad.prom:1"), "the bad file is logged with its line");

      HttpResponse<String> om =
          get(url + "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
      assertTrue(om.headers().firstValue("Content-Type").orElse("").contains("openmetrics"));
      HttpResponse<String> gz = get(url + "/metrics", "Accept-Encoding", "gzip");
      assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
      HttpResponse<String> landing = get(url + "/");
      assertTrue(landing.body().contains("href=\"metrics\""), landing.body());
      assertEquals(200, get(url + "/-/healthy").statusCode());
    } finally {
      p.process().destroy(); // SIGTERM
      assertTrue(p.process().waitFor(20, TimeUnit.SECONDS), "exits on SIGTERM");
      int code = p.process().exitValue();
      assertEquals(0, code, "a SIGTERM stop is a clean exit\n" + p.log());
      assertFalse(p.log().contains("Exception"), p.log());
    }
  }

  @Test
  void aFifoInTheTextfileFolderIsReportedNeverOpened() throws Exception {
    // Reading a FIFO without a writer would block in open(2); the textfile collector checks the
    // file type first and reports it instead. (Hung collectors in general: ScrapeCoordinatorTest.)
    Path textfiles = Files.createDirectories(dir.resolve("fifo"));
    Process mkfifo =
        new ProcessBuilder("mkfifo", textfiles.resolve("stuck.prom").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    int port = FreePorts.next();
    String url = "http://127.0.0.1:" + port;
    try (RealProcess p =
        RealProcess.start(
            "exporter-hang",
            dir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"),
                "--web.listen-address=127.0.0.1:" + port,
                "--host.id-file=" + dir.resolve("host-id"),
                "--collector.textfile.directory=" + textfiles))) {
      p.awaitReady(url + "/-/ready", START);
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = get(url + "/metrics", "X-Prometheus-Scrape-Timeout-Seconds", "2");
        assertEquals(200, r.statusCode());
        assertTrue(
            r.body().contains("node_scrape_collector_success{collector=\"textfile\"} 1"), r.body());
        assertTrue(r.body().contains("node_textfile_scrape_error 1"), r.body());
        assertTrue(
            r.body().contains("node_scrape_collector_success{collector=\"cpu\"} 1"), r.body());
      }
    }
  }

  @Test
  void hostIdSurvivesARestart() throws Exception {
    String first = hostIdOfOneRun();
    String second = hostIdOfOneRun();
    assertFalse(first.isEmpty());
    assertEquals(first, second);
  }

  private String hostIdOfOneRun() throws Exception {
    int port = FreePorts.next();
    String url = "http://127.0.0.1:" + port;
    try (RealProcess p =
        RealProcess.start(
            "exporter-id",
            dir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"),
                "--web.listen-address=127.0.0.1:" + port,
                "--host.id-file=" + dir.resolve("host-id"),
                "--collector.disable-defaults",
                "--collector.hostinfo"))) {
      p.awaitReady(url + "/-/ready", START);
      Matcher m =
          Pattern.compile("hostwatch_host_info\\{host_id=\"([^\"]*)\"")
              .matcher(get(url + "/metrics").body());
      assertTrue(m.find());
      return m.group(1);
    }
  }

  @Test
  void basicAuthFromTheWebConfigFile() throws Exception {
    // Password "change-me", as in examples/web-config.yml; $2y$ as htpasswd -B writes it.
    Path web = dir.resolve("web.yml");
    Files.writeString(
        web,
        "basic_auth_users:\n"
            + "  prometheus: $2y$10$wWs1TWZr2WFtRO2F6TOX/uZ5IQN.31BLQLKeaTLdcJmfNffk6NQ7G\n");
    int port = FreePorts.next();
    String url = "http://127.0.0.1:" + port;
    try (RealProcess p =
        RealProcess.start(
            "exporter-auth",
            dir,
            RealProcess.javaJar(
                ModuleJars.of("exporter"),
                "--web.listen-address=127.0.0.1:" + port,
                "--host.id-file=" + dir.resolve("host-id"),
                "--web.config.file=" + web))) {
      String auth =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      "prometheus:change-me".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + START.toNanos();
      int status = 0;
      while (System.nanoTime() < deadline && status != 200) {
        try {
          status = get(url + "/metrics", "Authorization", auth).statusCode();
        } catch (java.io.IOException e) {
          Thread.sleep(200);
        }
      }
      assertEquals(200, status, p.log());
      assertEquals(401, get(url + "/metrics").statusCode());
      assertEquals(
          401,
          get(url + "/metrics", "Authorization", auth.substring(0, auth.length() - 2) + "xx")
              .statusCode());
    }
  }

  @Test
  void aBadWebConfigFileStopsTheStartWithItsLine() throws Exception {
    Path web = dir.resolve("bad-web.yml");
    Files.writeString(web, "http_server_config:\n  headerz: {}\n");
    RealProcess p = start("exporter-bad", "--web.config.file=" + web);
    assertTrue(p.process().waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.process().exitValue(), p.log());
    assertTrue(p.log().contains("bad-web.yml:2"), p.log());
    assertFalse(p.log().contains("\tat "), "no stack trace: " + p.log());
  }
}
