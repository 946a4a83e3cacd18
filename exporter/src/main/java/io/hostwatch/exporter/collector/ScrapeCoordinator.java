package io.hostwatch.exporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the enabled collectors for a scrape: in parallel, against a deadline, and single-flight.
 *
 * <ul>
 *   <li>A collector that misses the deadline is reported {@code node_scrape_collector_success 0}
 *       and does not hold the scrape.
 *   <li>A collector has at most one run in flight. Concurrent scrapes join it instead of starting
 *       their own, so they do not multiply the work; a hung collector keeps its one run (and one
 *       thread) and is reported as failed until that run returns.
 *   <li>The runs of a scrape are split into one batch per CPU, each batch run by one worker: most
 *       collectors take microseconds, less than waking a thread for each. When a batch stalls (a
 *       collector blocked in the kernel), the waiting scrape hands the runs not yet started to a
 *       fresh worker, so one hung collector delays the others by {@code stallNanos} at most.
 * </ul>
 */
public final class ScrapeCoordinator {
  private static final Logger logger = Logger.getLogger(ScrapeCoordinator.class.getName());

  static final String DURATION = "node_scrape_collector_duration_seconds";
  static final String SUCCESS = "node_scrape_collector_success";
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Map<String, Collector> collectors;
  private final Executor executor;
  private final int batches;
  private final Map<String, Run> inFlight = new ConcurrentHashMap<>();
  private volatile Map<String, Set<String>> lastNames = Map.of();

  /** What one run of a collector gave. */
  private record Outcome(List<MetricSnapshot> snapshots, double seconds, boolean success) {}

  /** One run of a collector: whoever claims it first executes it. */
  private record Run(String name, CompletableFuture<Outcome> result, AtomicBoolean claimed) {}

  /** {@code collectors} by name; runs them on {@code executor}. */
  public ScrapeCoordinator(Map<String, Collector> collectors, Executor executor) {
    this(collectors, executor, Runtime.getRuntime().availableProcessors());
  }

  ScrapeCoordinator(Map<String, Collector> collectors, Executor executor, int batches) {
    // Collectors reading outside input are merged last: on a repeated name the real one wins.
    this.collectors = new LinkedHashMap<>();
    collectors.forEach(
        (name, c) -> {
          if (!(c instanceof ReadsOthersNames)) {
            this.collectors.put(name, c);
          }
        });
    collectors.forEach(
        (name, c) -> {
          if (c instanceof ReadsOthersNames r) {
            this.collectors.put(name, c);
            r.othersProduce(() -> namesBesides(name));
          }
        });
    this.executor = executor;
    this.batches = Math.max(1, batches);
  }

  public Set<String> names() {
    return collectors.keySet();
  }

  /** The metric names every collector but {@code collector} produced in the latest scrape. */
  Set<String> namesBesides(String collector) {
    Set<String> out = new HashSet<>();
    collectors.forEach(
        (name, c) -> {
          if (!name.equals(collector)) {
            out.addAll(c.ownedNames());
          }
        });
    lastNames.forEach(
        (name, names) -> {
          if (!name.equals(collector)) {
            out.addAll(names);
          }
        });
    return out;
  }

  /** Collects everything, waiting at most {@code timeoutNanos} for any collector. */
  public List<MetricSnapshot> scrape(long timeoutNanos) {
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    Map<String, Run> runs = new LinkedHashMap<>();
    List<Run> started = new ArrayList<>();
    for (String name : collectors.keySet()) {
      Run mine = new Run(name, new CompletableFuture<>(), new AtomicBoolean());
      Run running = inFlight.putIfAbsent(name, mine);
      runs.put(name, running != null ? running : mine);
      if (running == null) {
        started.add(mine);
      }
    }
    dispatch(started);
    List<MetricSnapshot> out = new ArrayList<>(64);
    Set<String> names = new HashSet<>();
    MetricSink meta = new MetricSink();
    MetricSink.Family duration =
        meta.gauge(DURATION, "node_exporter: Duration of a collector scrape.", "collector");
    MetricSink.Family success =
        meta.gauge(SUCCESS, "node_exporter: Whether a collector succeeded.", "collector");
    Map<String, Set<String>> byCollector = new HashMap<>();
    for (Run run : runs.values()) {
      Outcome o = await(run, runs.values(), deadline, start);
      duration.add(o.seconds(), run.name());
      success.add(o.success() ? 1 : 0, run.name());
      Set<String> own = byCollector.computeIfAbsent(run.name(), n -> new HashSet<>());
      for (MetricSnapshot s : o.snapshots()) {
        own.add(s.getMetadata().getPrometheusName());
        if (names.add(s.getMetadata().getPrometheusName())) {
          out.add(s);
        } else {
          logger.warning(
              () -> "collector " + run.name() + " repeats metric " + s.getMetadata().getName());
        }
      }
    }
    out.addAll(meta.snapshots());
    byCollector.put("", Set.of(DURATION, SUCCESS));
    lastNames = byCollector;
    return out;
  }

  /** Splits {@code runs} round-robin into one batch per CPU and hands each to a worker. */
  private void dispatch(List<Run> runs) {
    int n = Math.min(batches, runs.size());
    for (int b = 0; b < n; b++) {
      List<Run> batch = new ArrayList<>();
      for (int i = b; i < runs.size(); i += n) {
        batch.add(runs.get(i));
      }
      try {
        executor.execute(() -> runBatch(batch));
      } catch (RuntimeException e) {
        // Executor shut down (exporter stopping): the runs fail rather than hang the scrape.
        for (Run r : batch) {
          if (r.claimed().compareAndSet(false, true)) {
            finish(r, new Outcome(List.of(), 0, false));
          }
        }
      }
    }
  }

  private void runBatch(List<Run> batch) {
    for (Run r : batch) {
      if (r.claimed().compareAndSet(false, true)) {
        run(r);
      }
    }
  }

  private void run(Run r) {
    long t0 = System.nanoTime();
    Outcome o;
    try {
      MetricSink sink = new MetricSink();
      collectors.get(r.name()).collect(sink);
      o = new Outcome(sink.snapshots(), (System.nanoTime() - t0) / 1e9, true);
    } catch (NoSuchFileException | UnsupportedOperationException e) {
      // The source does not exist on this host (no conntrack module, no PSI, not Linux): that
      // stays so, and a warning with a stack trace on every scrape would bury real failures.
      // node_exporter reports it at debug level too; success 0 still says it.
      logger.fine(() -> "collector " + r.name() + " has no data: " + e.getMessage());
      o = new Outcome(List.of(), (System.nanoTime() - t0) / 1e9, false);
    } catch (Exception | LinkageError e) {
      logger.log(Level.WARNING, "collector " + r.name() + " failed", e);
      o = new Outcome(List.of(), (System.nanoTime() - t0) / 1e9, false);
    }
    finish(r, o);
  }

  private void finish(Run r, Outcome o) {
    // Leave the map first: a scrape arriving after this point starts a fresh run.
    inFlight.remove(r.name(), r);
    r.result().complete(o);
  }

  /** Waits for {@code run} until the deadline; on a stall, moves unstarted runs to a new worker. */
  private Outcome await(Run run, Iterable<Run> all, long deadline, long start) {
    try {
      while (true) {
        long remaining = deadline - System.nanoTime();
        try {
          return run.result()
              .get(Math.max(0, Math.min(remaining, STALL_NANOS)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (remaining <= STALL_NANOS) {
            logger.warning(() -> "collector " + run.name() + " missed the scrape deadline");
            break;
          }
          List<Run> unclaimed = new ArrayList<>();
          for (Run r : all) {
            if (!r.claimed().get()) {
              unclaimed.add(r);
            }
          }
          dispatch(unclaimed);
        }
      }
    } catch (ExecutionException e) {
      logger.log(Level.WARNING, "collector " + run.name() + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(List.of(), (System.nanoTime() - start) / 1e9, false);
  }
}
