package io.hostwatch.forecaster.bench;

import io.hostwatch.common.cli.ExitCodes;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forecaster bench-data}: a fleet's free disk space as OpenMetrics for {@code promtool tsdb
 * create-blocks-from openmetrics}, so the end-to-end benchmark runs against a real Prometheus
 * holding fleet-sized history. Each series has the shapes of server data (daily season, a trend, a
 * level shift, bursts); hosts {@code [first, first + hosts)} let a large fleet be written and
 * backfilled in slices.
 */
@Command(
    name = "bench-data",
    hidden = true,
    description = "Writes synthetic fleet history as OpenMetrics to standard output.")
public final class FleetDataCommand implements Callable<Integer> {
  @Option(names = "--first-host", defaultValue = "0")
  int firstHost;

  @Option(names = "--hosts", defaultValue = "100")
  int hosts;

  @Option(names = "--filesystems", defaultValue = "6", description = "Series per host.")
  int filesystems;

  @Option(names = "--points", defaultValue = "2016")
  int points;

  @Option(names = "--step", defaultValue = "300", description = "Seconds between samples.")
  long step;

  @Option(names = "--end", required = true, description = "Unix time of the last sample.")
  long end;

  @Override
  public Integer call() throws Exception {
    Writer out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    out.write("# TYPE node_filesystem_avail_bytes gauge\n");
    StringBuilder line = new StringBuilder(160);
    for (int h = firstHost; h < firstHost + hosts; h++) {
      for (int f = 0; f < filesystems; f++) {
        // each series' random numbers depend on its host and filesystem only, so a slice is the
        // same whatever else is written
        double[] y = FitBenchCommand.synthetic(new Random(h * 1_000L + f), points);
        String labels =
            String.format(
                "{instance=\"host-%05d:9100\",device=\"/dev/sd%c1\",fstype=\"ext4\","
                    + "mountpoint=\"/srv/%d\"}",
                h, (char) ('a' + f % 26), f);
        for (int i = 0; i < points; i++) {
          line.setLength(0);
          line.append("node_filesystem_avail_bytes")
              .append(labels)
              .append(' ')
              .append(Math.round(y[i] * 1e9))
              .append(' ')
              .append(end - (points - 1 - i) * step)
              .append('\n');
          out.append(line);
        }
      }
    }
    out.write("# EOF\n");
    out.flush();
    return ExitCodes.OK;
  }
}
