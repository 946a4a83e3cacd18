package io.hostwatch.exporter.textfile;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter started through its launcher (32 MB heap, exit on OutOfMemoryError) with textfiles a
 * hostile or careless user leaves in the folder. It keeps serving every scrape, serves the good
 * file's metric, reports the bad file, and never lets a file replace a real value.
 */
class HostileTextfilesIT {
  @TempDir Path dir;
  private Path textfiles;
  private RealProcess exporter;
  private int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void folder() throws Exception {
    textfiles = Files.createDirectories(dir.resolve("textfiles"));
    Files.writeString(textfiles.resolve("good.prom"), "# TYPE backup_ok gauge\nbackup_ok 1\n");
  }

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.close();
    }
  }

  private void start() throws Exception {
    port = FreePorts.next();
    exporter =
        RealProcess.start(
                "exporter",
                dir,
                List.of(
                    ModuleJars.repoRoot().resolve("bin/exporter").toString(),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--collector.textfile.directory=" + textfiles))
            .awaitReady("http://127.0.0.1:" + port + "/-/ready", Duration.ofSeconds(60));
  }

  private String scrape() throws Exception {
    assertTrue(exporter.process().isAlive(), "exporter died:\n" + exporter.log());
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(exporter.process().isAlive(), "exporter died:\n" + exporter.log());
    return r.body();
  }

  private static double value(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError(series + " missing:\n" + metrics);
  }

  /** The good file is served, the textfile collector succeeded, and an error is reported. */
  private static void goodServedBadReported(String metrics) {
    assertEquals(1, value(metrics, "backup_ok"));
    assertEquals(1, value(metrics, "node_scrape_collector_success{collector=\"textfile\"}"));
    assertEquals(1, value(metrics, "node_textfile_scrape_error"));
  }

  @Test
  void sixtyThousandSeriesAreRefusedNotLoaded() throws Exception {
    StringBuilder b = new StringBuilder("# TYPE many gauge\n");
    for (int i = 0; i < 60_000; i++) {
      b.append("many{i=\"").append(i).append("\"} 1\n");
    }
    Files.writeString(textfiles.resolve("many.prom"), b);
    // Under the byte limit (about 60 KB), over the sample limit: refused before it is parsed.
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      c.append("few{i=\"").append(i).append("\"} 1\n");
    }
    Files.writeString(textfiles.resolve("dense.prom"), c);
    start();
    for (int i = 0; i < 3; i++) {
      goodServedBadReported(scrape());
    }
    assertTrue(exporter.log().contains("many.prom"), exporter.log());
    assertTrue(exporter.log().contains("3000 samples, over the limit of 2500"), exporter.log());
  }

  @Test
  void aSixMegabyteLineIsRefused() throws Exception {
    Files.writeString(textfiles.resolve("line.prom"), "x{a=\"" + "y".repeat(6 << 20) + "\"} 1\n");
    start();
    goodServedBadReported(scrape());
    goodServedBadReported(scrape());
  }

  @Test
  void aSymlinkToDevZeroIsNotRead() throws Exception {
    Files.createSymbolicLink(textfiles.resolve("zero.prom"), Path.of("/dev/zero"));
    start();
    goodServedBadReported(scrape());
    assertTrue(exporter.log().contains("outside the textfile directory"), exporter.log());
  }

  @Test
  void aFifoIsNeverOpenedAndTheCollectorRecoversWhenItIsGone() throws Exception {
    Path fifo = textfiles.resolve("x.prom");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mk.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, mk.exitValue());
    start();
    goodServedBadReported(scrape());
    goodServedBadReported(scrape());
    Files.delete(fifo);
    String after = scrape();
    assertEquals(0, value(after, "node_textfile_scrape_error"), after);
    assertEquals(1, value(after, "backup_ok"));
  }

  @Test
  void aFileMayNotDefineTheTextfileCollectorsOwnError() throws Exception {
    Files.writeString(
        textfiles.resolve("sneaky.prom"),
        "# TYPE node_textfile_scrape_error gauge\n" + "node_textfile_scrape_error 0\n");
    start();
    goodServedBadReported(scrape());
    assertTrue(exporter.log().contains("sneaky.prom"), exporter.log());
  }

  @Test
  void aFileMayNotReplaceAnotherCollectorsValue() throws Exception {
    Files.writeString(
        textfiles.resolve("fake.prom"),
        "# TYPE cpu_usage_percent gauge\ncpu_usage_percent 12345\n");
    start();
    for (int i = 0; i < 3; i++) {
      String metrics = scrape();
      assertFalse(metrics.contains("cpu_usage_percent 12345"), metrics);
      goodServedBadReported(metrics);
    }
    assertTrue(exporter.log().contains("fake.prom"), exporter.log());
    assertTrue(exporter.log().contains("cpu_usage_percent"), exporter.log());
  }
}
