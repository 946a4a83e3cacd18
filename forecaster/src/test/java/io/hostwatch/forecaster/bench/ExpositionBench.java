package io.hostwatch.forecaster.bench;

import io.hostwatch.forecaster.export.ForecastBatch;
import io.hostwatch.forecaster.export.ForecastCollector;
import io.hostwatch.forecaster.export.ForecastStore;
import io.hostwatch.forecaster.export.SeriesForecast;
import io.hostwatch.forecaster.export.ServiceMetrics;
import io.hostwatch.forecaster.model.DataIssue;
import io.hostwatch.forecaster.model.Forecast;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Size of {@code /metrics} and time to build one scrape for a large fleet: {@code series} disk
 * series (five labels each, as node_exporter's filesystem metrics carry) with two horizons, bands
 * and a threshold, so every forecast family is filled. Run from the module folder after {@code mvn
 * package}:
 *
 * <pre>{@code
 * java -cp target/hostwatch-forecaster.jar:target/test-classes \
 *     io.hostwatch.forecaster.bench.ExpositionBench 10000
 * }</pre>
 */
public final class ExpositionBench {
  private ExpositionBench() {}

  public static void main(String[] args) throws IOException {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    ForecastStore store = new ForecastStore();
    store.put(batch(series));
    ServiceMetrics metrics = new ServiceMetrics(store, System::currentTimeMillis);
    PrometheusRegistry registry = metrics.registry();
    registry.register(new ForecastCollector(store));
    // the snapshots alone: what the collector costs before a format writes a byte
    measure("snapshots", series, () -> new byte[registry.scrape().size()]);
    ExpositionFormats formats = ExpositionFormats.init();
    for (String accept : ACCEPT) {
      ExpositionFormatWriter writer = formats.findWriter(accept);
      measure(
          writer.getContentType().split(";")[0],
          series,
          () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            writer.write(out, registry.scrape());
            return out.toByteArray();
          });
    }
  }

  /** What Prometheus asks for: text 0.0.4 (before 2.5), OpenMetrics (now), protobuf. */
  static final List<String> ACCEPT =
      List.of(
          "text/plain; version=0.0.4",
          "application/openmetrics-text; version=1.0.0",
          "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
              + " encoding=delimited");

  interface Scrape {
    byte[] body() throws IOException;
  }

  /**
   * Prints the body's size and the median time to build it, then to build and gzip it. Times are
   * the thread's CPU time, which other processes on a shared machine barely move, and wall-clock.
   */
  static void measure(String format, int series, Scrape scrape) throws IOException {
    for (int i = 0; i < 20; i++) { // warm-up: let the JIT compile the writers
      scrape.body();
    }
    int runs = 30;
    long[] cpu = new long[runs];
    long[] cpuGzip = new long[runs];
    long[] wall = new long[runs];
    byte[] body = null;
    int gzipSize = 0;
    for (int i = 0; i < runs; i++) {
      long w0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      body = scrape.body();
      long c1 = THREADS.getCurrentThreadCpuTime();
      wall[i] = System.nanoTime() - w0;
      gzipSize = gzip(body).length;
      cpu[i] = c1 - c0;
      cpuGzip[i] = THREADS.getCurrentThreadCpuTime() - c0;
    }
    System.out.printf(
        Locale.ROOT,
        "%-32s %,d series  plain %,11d bytes %6.1f ms CPU (%6.1f wall)  gzip %,9d bytes %6.1f ms"
            + " CPU%n",
        format,
        series,
        body.length,
        median(cpu),
        median(wall),
        gzipSize,
        median(cpuGzip));
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    }
    return out.toByteArray();
  }

  /** {@code n} filling disks: forecasts, bands and crossing times that differ per series. */
  public static ForecastBatch batch(int n) {
    List<SeriesForecast> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, String> labels = new TreeMap<>();
      labels.put("device", "/dev/sd" + (char) ('a' + i % 4) + "1");
      labels.put("fstype", i % 3 == 0 ? "xfs" : "ext4");
      labels.put("instance", "host-" + i / 4 + ".example.org:9100");
      labels.put("job", "node");
      labels.put("mountpoint", i % 4 == 0 ? "/" : "/data" + i % 4);
      double avail = 5e11 - 1e6 * i;
      boolean flat = i % 10 == 0;
      out.add(
          new SeriesForecast(
              labels,
              new Forecast(
                  flat ? "median" : "holt",
                  EnumSet.noneOf(DataIssue.class),
                  new int[] {12, 72},
                  new double[] {avail - 1.2e7, avail - 7.3e7},
                  new double[] {avail - 1.9e7, avail - 1.1e8},
                  new double[] {avail - 0.5e7, avail - 3.6e7},
                  flat ? Double.POSITIVE_INFINITY : 4123.5 + i,
                  flat ? Double.POSITIVE_INFINITY : 3001.25 + i,
                  Double.POSITIVE_INFINITY,
                  (i % 97) / 97.0,
                  i % 97 == 96,
                  false,
                  1.1e6 + i,
                  0.8 + i % 7 / 10.0,
                  2016)));
    }
    return new ForecastBatch(
        "disk_avail",
        List.of(Duration.ofHours(1), Duration.ofHours(6)),
        Duration.ofMinutes(5),
        true,
        out,
        System.currentTimeMillis());
  }
}
