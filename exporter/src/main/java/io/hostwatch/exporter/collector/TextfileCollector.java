package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.textfile.TextfileReader;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Set;
import java.util.function.Supplier;

/**
 * node_exporter's textfile collector: the metrics of every {@code *.prom} file in {@code
 * --collector.textfile.directory}, {@code node_textfile_mtime_seconds{file}} and {@code
 * node_textfile_scrape_error}. A file may not define what the other collectors produce. A bad file
 * is logged with file and line, sets the error to 1, and the others are still served ({@link
 * TextfileReader}); the collector itself then still succeeds, as in node_exporter.
 */
final class TextfileCollector implements Collector, ReadsOthersNames {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "textfile",
          true,
          "*.prom files of --collector.textfile.directory",
          ctx -> new TextfileCollector(new TextfileReader(ctx.options().textfileDirectory())));

  private final TextfileReader reader;
  private volatile Supplier<Set<String>> others = Set::of;

  TextfileCollector(TextfileReader reader) {
    this.reader = reader;
  }

  @Override
  public void othersProduce(Supplier<Set<String>> names) {
    this.others = names;
  }

  @Override
  public void collect(MetricSink out) {
    for (MetricSnapshot s : reader.read(others.get()).snapshots()) {
      out.add(s);
    }
  }
}
