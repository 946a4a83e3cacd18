package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textfile collector in a scrape with the others: it serves its files' series with their
 * mtimes, refuses a file that defines what another collector of the same scrape produces or that
 * was cut short, and still succeeds then, with {@code node_textfile_scrape_error 1}.
 */
class TextfileCollectorTest {
  private static final Set<String> COLLECTORS = Set.of("textfile", "loadavg");

  @TempDir Path dir;
  private LinuxFixture fixture;
  private Path textfiles;

  @BeforeEach
  void copyFixtures() throws Exception {
    textfiles = dir.resolve("textfile");
    Files.createDirectories(textfiles);
    fixture = LinuxFixture.copyTo(dir, LinuxFixture.withTextfileDirectory(textfiles));
    write(
        "app.prom",
        "# HELP app_queue_length Jobs waiting.\n# TYPE app_queue_length gauge\n"
            + "app_queue_length{queue=\"mail\"} 42\napp_queue_length{queue=\"sms\"} 7\n");
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private void write(String name, String text) throws Exception {
    Path p = textfiles.resolve(name);
    Files.writeString(p, text);
    Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L));
  }

  private List<MetricSnapshot> scrape() {
    return scrape(fixture.coordinator(COLLECTORS));
  }

  private static List<MetricSnapshot> scrape(ScrapeCoordinator coordinator) {
    List<MetricSnapshot> s = coordinator.scrape(TimeUnit.SECONDS.toNanos(20));
    assertEquals(1.0, success(s, "textfile"));
    assertEquals(1.0, success(s, "loadavg"));
    return s;
  }

  @Test
  void servesTheFilesSeriesAndMtimes() {
    List<MetricSnapshot> s = scrape();
    assertEquals(
        Map.of(Map.of("queue", "mail"), 42.0, Map.of("queue", "sms"), 7.0),
        Map.copyOf(series(s, "app_queue_length")));
    assertEquals(
        Map.of(Map.of("file", textfiles.resolve("app.prom").toString()), 1.7e9),
        Map.copyOf(series(s, "node_textfile_mtime_seconds")));
    assertEquals(0.0, value(s, "node_textfile_scrape_error", Map.of()));
  }

  @Test
  void aFileDefiningAnotherCollectorsMetricIsRefused() throws Exception {
    write("load.prom", "node_load1 99\n");
    ScrapeCoordinator exporter = fixture.coordinator(COLLECTORS);
    List<MetricSnapshot> first = scrape(exporter);
    assertEquals(0.25, value(first, "node_load1", Map.of()), "loadavg's, not the file's");
    // What the other collectors produce is known from the scrape before: from the second on.
    List<MetricSnapshot> s = scrape(exporter);
    assertEquals(1.0, value(s, "node_textfile_scrape_error", Map.of()));
    assertEquals(0.25, value(s, "node_load1", Map.of()), "loadavg's, not the file's");
    assertEquals(42.0, value(s, "app_queue_length", Map.of("queue", "mail")));
    assertEquals(1, series(s, "node_textfile_mtime_seconds").size(), "no mtime for load.prom");
  }

  @Test
  void aFileCutShortIsRefusedWhole() throws Exception {
    write("cut.prom", "batch_last_success 1.7e9\nbatch_rows{table=\"ord");
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, value(s, "node_textfile_scrape_error", Map.of()));
    assertEquals(Map.of(), series(s, "batch_last_success"), "nothing of a bad file");
    assertEquals(42.0, value(s, "app_queue_length", Map.of("queue", "mail")));
  }

  @Test
  void aMissingDirectoryIsAnErrorNotAFailure() throws Exception {
    Files.delete(textfiles.resolve("app.prom"));
    Files.delete(textfiles);
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, value(s, "node_textfile_scrape_error", Map.of()));
  }
}
