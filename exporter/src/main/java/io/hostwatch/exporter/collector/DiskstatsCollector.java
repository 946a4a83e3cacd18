package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.DiskStats;
import io.hostwatch.exporter.host.Host;
import java.util.Map;

/**
 * Block device counters from {@code /proc/diskstats} (OSHI's disk stores elsewhere), named as
 * node_exporter 1.5 names them: {@code node_disk_reads_completed_total}, {@code
 * node_disk_read_bytes_total}, {@code node_disk_io_time_seconds_total}, ... {device}, and {@code
 * node_disk_info}. Devices matching {@code --collector.diskstats.device-exclude} are left out.
 */
final class DiskstatsCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "diskstats",
          true,
          "block device I/O (/proc/diskstats)",
          ctx -> new DiskstatsCollector(ctx.host(), ctx.options()));

  /** Kernel sectors are 512 bytes whatever the device's block size. */
  private static final double SECTOR = 512;

  private static final double MS = 0.001;

  /** One entry per /proc/diskstats field: name, help, scale, counter. */
  private record Field(String name, String help, double scale, boolean counter) {}

  private static final Field[] FIELDS = {
    new Field(
        "node_disk_reads_completed_total",
        "The total number of reads completed successfully.",
        1,
        true),
    new Field("node_disk_reads_merged_total", "The total number of reads merged.", 1, true),
    new Field(
        "node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR, true),
    new Field(
        "node_disk_read_time_seconds_total",
        "The total number of seconds spent by all reads.",
        MS,
        true),
    new Field(
        "node_disk_writes_completed_total",
        "The total number of writes completed successfully.",
        1,
        true),
    new Field("node_disk_writes_merged_total", "The number of writes merged.", 1, true),
    new Field(
        "node_disk_written_bytes_total",
        "The total number of bytes written successfully.",
        SECTOR,
        true),
    new Field(
        "node_disk_write_time_seconds_total",
        "This is the total number of seconds spent by all writes.",
        MS,
        true),
    new Field("node_disk_io_now", "The number of I/Os currently in progress.", 1, false),
    new Field("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS, true),
    new Field(
        "node_disk_io_time_weighted_seconds_total",
        "The weighted # of seconds spent doing I/Os.",
        MS,
        true),
    new Field(
        "node_disk_discards_completed_total",
        "The total number of discards completed successfully.",
        1,
        true),
    new Field("node_disk_discards_merged_total", "The total number of discards merged.", 1, true),
    new Field(
        "node_disk_discarded_sectors_total",
        "The total number of sectors discarded successfully.",
        1,
        true),
    new Field(
        "node_disk_discard_time_seconds_total",
        "This is the total number of seconds spent by all discards.",
        MS,
        true),
    new Field(
        "node_disk_flush_requests_total",
        "The total number of flush requests completed successfully",
        1,
        true),
    new Field(
        "node_disk_flush_requests_time_seconds_total",
        "This is the total number of seconds spent by all flush requests.",
        MS,
        true),
  };

  private final Host host;
  private final CollectorOptions options;

  DiskstatsCollector(Host host, CollectorOptions options) {
    this.host = host;
    this.options = options;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family[] families = new MetricSink.Family[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      Field f = FIELDS[i];
      families[i] =
          f.counter()
              ? out.counter(f.name(), f.help(), "device")
              : out.gauge(f.name(), f.help(), "device");
    }
    MetricSink.Family info =
        out.gauge(
            "node_disk_info",
            "Info of /sys/block/<block_device>.",
            "device",
            "major",
            "minor",
            "path",
            "wwn",
            "model",
            "serial",
            "revision");
    for (DiskStats d : host.diskStats()) {
      if (options.diskDeviceExclude() != null
          && options.diskDeviceExclude().matcher(d.device()).find()) {
        continue;
      }
      Map<String, String> p = host.diskProperties(d);
      info.add(
          1,
          d.device(),
          Integer.toString(d.major()),
          Integer.toString(d.minor()),
          p.getOrDefault("ID_PATH", ""),
          p.getOrDefault("ID_WWN", ""),
          p.getOrDefault("ID_MODEL", ""),
          p.getOrDefault("ID_SERIAL_SHORT", ""),
          p.getOrDefault("ID_REVISION", ""));
      double[] v = d.fields();
      for (int i = 0; i < FIELDS.length && i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          families[i].add(v[i] * FIELDS[i].scale(), d.device());
        }
      }
    }
  }
}
