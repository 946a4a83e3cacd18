package io.hostwatch.exporter.usage;

import io.hostwatch.exporter.collector.CollectorOptions;
import io.hostwatch.exporter.host.CpuTimes;
import io.hostwatch.exporter.host.FsUsage;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.MemoryField;
import io.hostwatch.exporter.host.MountPoint;
import io.hostwatch.exporter.host.NetDevStats;
import io.hostwatch.exporter.host.StatfsGuard;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples the host every {@code --collector.sample-interval} in the background and keeps the
 * one-number figures ({@link Usage}). Rates come from the difference between two samples of this
 * sampler, never between two scrapes, so they do not depend on who scrapes and how often.
 */
public final class UsageSampler implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(UsageSampler.class.getName());

  private final Host host;
  private final StatfsGuard statfs;
  private final CollectorOptions options;
  private final Duration interval;
  private ScheduledExecutorService timer;

  private volatile Usage latest = Usage.EMPTY;
  // Only the sampler thread touches these.
  private double lastBusy = Double.NaN;
  private double lastTotal = Double.NaN;
  private final Map<String, double[]> lastNet = new HashMap<>();
  private double sent;
  private double received;

  public UsageSampler(Host host, StatfsGuard statfs, CollectorOptions options, Duration interval) {
    this.host = host;
    this.statfs = statfs;
    this.options = options;
    this.interval = interval;
  }

  /** Takes a first sample now, then one every interval on a daemon thread. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "usage-sampler");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(this::sampleLogged, 0, ms, TimeUnit.MILLISECONDS);
  }

  public Usage latest() {
    return latest;
  }

  private void sampleLogged() {
    try {
      sample();
    } catch (Exception | LinkageError e) {
      logger.log(Level.WARNING, "usage sample failed", e);
    }
  }

  /** One sample; public for tests, which call it instead of waiting for the timer. */
  public synchronized void sample() throws Exception {
    double cpu = cpuPercent(host.kernelStats().cpus());
    double memory = memoryPercent(host.memory());
    Map<String, Double> disks = diskPercent();
    network(host.netDev());
    latest = new Usage(cpu, memory, disks, sent, received);
  }

  private double cpuPercent(List<CpuTimes> cpus) {
    double busy = 0;
    double total = 0;
    for (CpuTimes c : cpus) {
      double idle = c.idle() + c.iowait();
      double all = c.user() + c.nice() + c.system() + idle + c.irq() + c.softirq() + c.steal();
      busy += all - idle;
      total += all;
    }
    double percent = Double.NaN;
    if (!Double.isNaN(lastTotal) && total > lastTotal) {
      percent = clamp(100 * (busy - lastBusy) / (total - lastTotal));
    }
    lastBusy = busy;
    lastTotal = total;
    return percent;
  }

  static double memoryPercent(List<MemoryField> fields) {
    Map<String, Double> m = new HashMap<>();
    for (MemoryField f : fields) {
      m.put(f.name(), f.value());
    }
    double total = m.getOrDefault("MemTotal", 0.0);
    if (total <= 0) {
      return Double.NaN;
    }
    Double available = m.get("MemAvailable");
    if (available == null) {
      // Kernels before 3.14: the old approximation.
      available =
          m.getOrDefault("MemFree", 0.0)
              + m.getOrDefault("Buffers", 0.0)
              + m.getOrDefault("Cached", 0.0);
    }
    return clamp(100 * (total - available) / total);
  }

  private Map<String, Double> diskPercent() throws Exception {
    Map<String, Double> out = new TreeMap<>();
    for (MountPoint m : host.mounts()) {
      if (options.excludesMount(m.mountPoint(), m.fsType()) || out.containsKey(m.mountPoint())) {
        continue;
      }
      FsUsage u = statfs.usage(m);
      if (u != null && u.sizeBytes() > 0) {
        out.put(m.mountPoint(), clamp(100 * (1 - u.availBytes() / u.sizeBytes())));
      }
    }
    return out;
  }

  /** Adds each device's growth since the last sample; a device whose counter fell was reset. */
  private void network(List<NetDevStats> devices) {
    for (NetDevStats d : devices) {
      if (d.device().equals("lo") || d.device().startsWith("lo0")) {
        continue;
      }
      double tx = d.counters().getOrDefault("transmit_bytes", 0.0);
      double rx = d.counters().getOrDefault("receive_bytes", 0.0);
      double[] last = lastNet.get(d.device());
      // A device seen for the first time counts from its own start (since boot, as psutil counts).
      sent += last != null && tx >= last[0] ? tx - last[0] : tx;
      received += last != null && rx >= last[1] ? rx - last[1] : rx;
      lastNet.put(d.device(), new double[] {tx, rx});
    }
  }

  private static double clamp(double percent) {
    return Math.max(0, Math.min(100, percent));
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
