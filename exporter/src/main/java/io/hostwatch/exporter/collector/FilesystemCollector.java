package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.FsUsage;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.MountPoint;
import io.hostwatch.exporter.host.StatfsGuard;
import java.util.HashSet;
import java.util.Set;

/**
 * Space and inodes of each mounted filesystem, from {@code /proc/1/mounts} and {@code statvfs}
 * (OSHI's file stores elsewhere): {@code node_filesystem_{size,free,avail}_bytes}, {@code _files},
 * {@code _files_free}, {@code _readonly}, {@code _device_error} {device,fstype,mountpoint}. A mount
 * that errs or hangs gets {@code device_error 1} and nothing else, as in node_exporter; a hung one
 * is skipped until it answers ({@link StatfsGuard}).
 */
final class FilesystemCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "filesystem",
          true,
          "filesystem space and inodes (/proc/1/mounts, statvfs)",
          ctx -> new FilesystemCollector(ctx.host(), ctx.statfs(), ctx.options()));

  private static final String[] LABELS = {"device", "fstype", "mountpoint"};

  private final Host host;
  private final StatfsGuard statfs;
  private final CollectorOptions options;

  FilesystemCollector(Host host, StatfsGuard statfs, CollectorOptions options) {
    this.host = host;
    this.statfs = statfs;
    this.options = options;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family error =
        out.gauge(
            "node_filesystem_device_error",
            "Whether an error occurred while getting statistics for the given device.",
            LABELS);
    MetricSink.Family ro =
        out.gauge("node_filesystem_readonly", "Filesystem read-only status.", LABELS);
    MetricSink.Family size =
        out.gauge("node_filesystem_size_bytes", "Filesystem size in bytes.", LABELS);
    MetricSink.Family free =
        out.gauge("node_filesystem_free_bytes", "Filesystem free space in bytes.", LABELS);
    MetricSink.Family avail =
        out.gauge(
            "node_filesystem_avail_bytes",
            "Filesystem space available to non-root users in bytes.",
            LABELS);
    MetricSink.Family files =
        out.gauge("node_filesystem_files", "Filesystem total file nodes.", LABELS);
    MetricSink.Family filesFree =
        out.gauge("node_filesystem_files_free", "Filesystem total free file nodes.", LABELS);
    Set<String> seen = new HashSet<>();
    for (MountPoint m : host.mounts()) {
      String[] labels = {m.device(), m.fsType(), m.mountPoint()};
      // The same mount twice (bind mounts, stacked mounts) would be a duplicate series.
      if (options.excludesMount(m.mountPoint(), m.fsType())
          || !seen.add(String.join("\0", labels))) {
        continue;
      }
      FsUsage u = statfs.usage(m);
      error.add(u == null ? 1 : 0, labels);
      ro.add(m.readOnly() ? 1 : 0, labels);
      if (u == null) {
        continue;
      }
      size.add(u.sizeBytes(), labels);
      free.add(u.freeBytes(), labels);
      avail.add(u.availBytes(), labels);
      files.add(u.files(), labels);
      filesFree.add(u.filesFree(), labels);
    }
  }
}
