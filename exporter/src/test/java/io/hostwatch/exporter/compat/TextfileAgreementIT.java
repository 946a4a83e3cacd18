package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hostwatch.exporter.textfile.MetricFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same textfile directory, good and bad files mixed, read by Debian's node_exporter and by our
 * exporter: the same files are accepted (node_textfile_mtime_seconds) and refused
 * (node_textfile_scrape_error), and the accepted ones give the same families, HELP, types and
 * series. Deliberate differences (a repeated series refuses the file here; a counter without {@code
 * _total} is served untyped) are covered by the unit tests instead.
 */
class TextfileAgreementIT {
  @TempDir Path workDir;

  private static final Map<String, String> FILES =
      Map.ofEntries(
          Map.entry(
              "good.prom",
              "# HELP job_last_success_seconds Last success, in \\\\ seconds\\nsince epoch.\n"
                  + "# TYPE job_last_success_seconds gauge\n"
                  + "job_last_success_seconds{job=\"backup\",path=\"C:\\\\x \\\"q\\\"\\nz\"} 1.7e+09\n"
                  + "  job_last_success_seconds { job = \"sync\" , } -Inf\n"
                  + "# a comment\n\n"
                  + "# TYPE jobs_run_total counter\njobs_run_total{job=\"backup\"} 12\n"
                  + "untyped_no_help NaN\n"
                  + "partial_labels{a=\"1\"} 1\npartial_labels{b=\"2\"} 2\n"),
          Map.entry(
              "shapes.prom",
              "# TYPE rt histogram\nrt_bucket{le=\"0.25\"} 1\nrt_bucket{le=\"0.5\"} 3\n"
                  + "rt_bucket{le=\"+Inf\"} 4\nrt_sum 1.5\nrt_count 4\n"
                  + "# TYPE q summary\nq{quantile=\"0.5\"} 0.25\nq{quantile=\"0.99\"} 2.5\n"
                  + "q_sum 10.5\nq_count 7\n"),
          Map.entry("shared_a.prom", "shared_metric{from=\"a\"} 1\n"),
          Map.entry("shared_b.prom", "shared_metric{from=\"b\"} 2\n"),
          Map.entry("timestamp.prom", "with_timestamp 1 1700000000000\n"),
          Map.entry("syntax.prom", "fine 1\nbroken{a=\"1} 2\n"),
          Map.entry("escape.prom", "bad_escape{a=\"\\x\"} 1\n"),
          Map.entry("type.prom", "# TYPE t gauges\nt 1\n"),
          Map.entry("late_type.prom", "late 1\n# TYPE late gauge\n"),
          Map.entry("second_help.prom", "# HELP h one\n# HELP h two\nh 1\n"),
          Map.entry("value.prom", "bad_value 1d\n"),
          Map.entry("ignored.txt", "not_a_prom_file 1\n"));

  @Test
  void sameFilesAcceptedAndTheSameSeriesServed() throws Exception {
    Path dir = Files.createDirectories(workDir.resolve("textfile"));
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    List<String> flags =
        List.of(
            "--collector.disable-defaults",
            "--collector.textfile",
            "--collector.textfile.directory=" + dir);
    try (SideBySide both = SideBySide.start(workDir, flags)) {
      Scrape theirs = both.nodeExporter();
      Scrape mine = both.ours();

      // node_exporter takes the four good files (and only those), so both sides are exercised.
      assertEquals(4, theirs.series("node_textfile_mtime_seconds").size(), theirs.body());
      assertEquals(
          theirs.series("node_textfile_mtime_seconds"),
          mine.series("node_textfile_mtime_seconds"),
          "files accepted");
      assertEquals(Map.of(Map.of(), 1.0), theirs.series("node_textfile_scrape_error"));
      assertEquals(Map.of(Map.of(), 1.0), mine.series("node_textfile_scrape_error"));
      Map<String, String> theirFamilies = textfileFamilies(theirs);
      assertFalse(theirFamilies.isEmpty());
      assertEquals(theirFamilies, textfileFamilies(mine));
    }
  }

  /** Each family read from the files: its type, HELP and series, as one comparable string. */
  private static Map<String, String> textfileFamilies(Scrape scrape) {
    Map<String, String> out = new TreeMap<>();
    for (String name : scrape.familyNames()) {
      if (name.startsWith("go_")
          || name.startsWith("process_")
          || name.startsWith("promhttp_")
          || name.startsWith("node_")
          || name.startsWith("jvm_")) {
        continue;
      }
      MetricFamily f = scrape.family(name);
      Map<String, Double> series = new TreeMap<>();
      for (MetricFamily.Sample s : f.samples()) {
        series.put(s.name() + s.labels(), s.value());
      }
      out.put(name, f.type() + " \"" + f.help() + "\" " + series);
    }
    return out;
  }
}
