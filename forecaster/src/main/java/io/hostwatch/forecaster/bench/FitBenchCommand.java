package io.hostwatch.forecaster.bench;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.forecaster.model.ForecastSpec;
import io.hostwatch.forecaster.model.Forecaster;
import io.hostwatch.forecaster.model.ModelKind;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecaster bench-fit}: series per second for fit + forecast, as {@code make bench} reports
 * it. Series are synthetic server-like data (daily season, level shifts, bursts, a slow trend) of
 * {@code --points} samples; each gets the full {@code auto} fit with three horizons and a
 * threshold.
 */
@Command(name = "bench-fit", hidden = true, description = "Measures fit + forecast throughput.")
public final class FitBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--points", defaultValue = "2016")
  int points;

  @Option(names = "--series", defaultValue = "2000")
  int series;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<double[]> data = new ArrayList<>();
    Random rnd = new Random(seed);
    for (int i = 0; i < 64; i++) {
      data.add(synthetic(rnd, points));
    }
    ForecastSpec fs = ForecastSpec.of(ModelKind.AUTO, 12, 72, 288).withThreshold(0);
    run(data, fs, Math.min(series, 400)); // warm-up: JIT
    AtomicLong allocated = new AtomicLong();
    AtomicLong cpu = new AtomicLong();
    long t0 = System.nanoTime();
    run(data, fs, series, allocated, cpu);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpuMs = cpu.get() / 1e6 / series;
    out.printf(
        Locale.ROOT,
        "fit+forecast: %d series x %d points, %d threads: %.1f s wall, %.0f series/s wall;"
            + " %.2f ms CPU per series = %.0f series/s on %d idle cores; %.0f KiB allocated per"
            + " series; load average %.2f%n",
        series,
        points,
        threads,
        seconds,
        series / seconds,
        cpuMs,
        threads * 1000 / cpuMs,
        threads,
        allocated.get() / 1024.0 / series,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf(
        Locale.ROOT, "retained per served series: %.0f bytes%n", retainedPerSeries(data, fs));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Heap held by the served forecasts: what the service keeps per series between runs (labels like
   * a node_exporter filesystem series, and the forecast), measured over 5,000 series after GC.
   */
  static double retainedPerSeries(List<double[]> data, ForecastSpec fs) {
    int count = 5000;
    List<Object> keep = new ArrayList<>(count);
    long before = usedAfterGc();
    for (int i = 0; i < count; i++) {
      double[] y = data.get(i % data.size());
      java.util.Map<String, String> labels =
          new java.util.TreeMap<>(
              java.util.Map.of(
                  "instance",
                  "host-" + i + ":9100",
                  "device",
                  "/dev/sda" + (i % 8),
                  "fstype",
                  "ext4",
                  "mountpoint",
                  "/srv/" + i));
      keep.add(
          new io.hostwatch.forecaster.export.SeriesForecast(
              labels, Forecaster.forecast(y, y.length, fs)));
    }
    long after = usedAfterGc();
    if (keep.size() != count) {
      throw new IllegalStateException();
    }
    return (double) (after - before) / count;
  }

  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private void run(List<double[]> data, ForecastSpec fs, int count) throws Exception {
    run(data, fs, count, new AtomicLong(), new AtomicLong());
  }

  private void run(
      List<double[]> data, ForecastSpec fs, int count, AtomicLong allocated, AtomicLong cpu)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int per = (count + threads - 1) / threads;
      for (int w = 0; w < threads; w++) {
        int from = w * per;
        int to = Math.min(count, from + per);
        futures.add(
            pool.submit(
                () -> {
                  long before = threadAllocated();
                  long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                  for (int i = from; i < to; i++) {
                    double[] y = data.get(i % data.size());
                    Forecaster.forecast(y, y.length, fs);
                  }
                  allocated.addAndGet(threadAllocated() - before);
                  cpu.addAndGet(
                      ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static long threadAllocated() {
    var bean = ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun) {
      return sun.getCurrentThreadAllocatedBytes();
    }
    return 0;
  }

  /** Daily season, a level shift, bursts and a slow trend: what a host's gauges look like. */
  static double[] synthetic(Random rnd, int n) {
    double[] y = new double[n];
    double level = 20 + 60 * rnd.nextDouble();
    double amp = 10 * rnd.nextDouble();
    double trend = (rnd.nextDouble() - 0.5) * 0.01;
    int shiftAt = rnd.nextInt(n);
    for (int i = 0; i < n; i++) {
      double v = level + amp * Math.sin(2 * Math.PI * i / 288) + trend * i + rnd.nextGaussian();
      if (i > shiftAt) {
        v += 5;
      }
      if (rnd.nextDouble() < 0.02) {
        v += 30 * rnd.nextDouble();
      }
      y[i] = v;
    }
    return y;
  }
}
