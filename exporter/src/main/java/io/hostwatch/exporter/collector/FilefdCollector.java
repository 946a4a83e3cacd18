package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.FileFdStats;
import io.hostwatch.exporter.host.Host;
import java.util.Set;

/**
 * {@code node_filefd_allocated} and {@code node_filefd_maximum} from {@code /proc/sys/fs/file-nr}.
 */
final class FilefdCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "filefd",
          "file handles in use and the limit (/proc/sys/fs/file-nr)",
          ctx -> new FilefdCollector(ctx.host()));

  static final String ALLOCATED = "node_filefd_allocated";
  static final String MAXIMUM = "node_filefd_maximum";
  private static final Set<String> OWNED = Set.of(ALLOCATED, MAXIMUM);

  private final Host host;

  FilefdCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    FileFdStats s = host.fileFd();
    out.gauge(ALLOCATED, "File descriptor statistics: allocated.", s.allocated());
    out.gauge(MAXIMUM, "File descriptor statistics: maximum.", s.maximum());
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
