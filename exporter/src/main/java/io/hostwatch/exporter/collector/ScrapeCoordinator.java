package io.hostwatch.exporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the enabled collectors for a scrape: in parallel, against a deadline, and single-flight.
 *
 * <ul>
 *   <li>Each collector runs in a worker; the scrape waits for it until the deadline. One that
 *       misses it is reported {@code node_scrape_collector_success 0} and does not hold the scrape.
 *   <li>A collector has at most one run in flight. Concurrent scrapes join it instead of starting
 *       their own, so they do not multiply the work; a hung collector keeps its one run (and one
 *       thread) and is reported as failed until that run returns.
 * </ul>
 */
public final class ScrapeCoordinator {
  private static final Logger logger = Logger.getLogger(ScrapeCoordinator.class.getName());

  static final String DURATION = "node_scrape_collector_duration_seconds";
  static final String SUCCESS = "node_scrape_collector_success";

  private final Map<String, Collector> collectors;
  private final Executor executor;
  private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

  /** What one run of a collector gave. */
  private record Outcome(List<MetricSnapshot> snapshots, double seconds, boolean success) {}

  /** {@code collectors} by name; runs them on {@code executor}. */
  public ScrapeCoordinator(Map<String, Collector> collectors, Executor executor) {
    this.collectors = new LinkedHashMap<>(collectors);
    this.executor = executor;
  }

  public Set<String> names() {
    return collectors.keySet();
  }

  /** Collects everything, waiting at most {@code timeoutNanos} for any collector. */
  public List<MetricSnapshot> scrape(long timeoutNanos) {
    long start = System.nanoTime();
    long deadline = start + timeoutNanos;
    Map<String, CompletableFuture<Outcome>> runs = new LinkedHashMap<>();
    for (String name : collectors.keySet()) {
      runs.put(name, join(name));
    }
    List<MetricSnapshot> out = new ArrayList<>(64);
    Set<String> names = new HashSet<>();
    MetricSink meta = new MetricSink();
    MetricSink.Family duration =
        meta.gauge(DURATION, "node_exporter: Duration of a collector scrape.", "collector");
    MetricSink.Family success =
        meta.gauge(SUCCESS, "node_exporter: Whether a collector succeeded.", "collector");
    for (Map.Entry<String, CompletableFuture<Outcome>> e : runs.entrySet()) {
      Outcome o = await(e.getKey(), e.getValue(), deadline, start);
      duration.add(o.seconds(), e.getKey());
      success.add(o.success() ? 1 : 0, e.getKey());
      for (MetricSnapshot s : o.snapshots()) {
        if (names.add(s.getMetadata().getPrometheusName())) {
          out.add(s);
        } else {
          logger.warning(
              () -> "collector " + e.getKey() + " repeats metric " + s.getMetadata().getName());
        }
      }
    }
    out.addAll(meta.snapshots());
    return out;
  }

  /** The collector's run in flight, or a new one. */
  private CompletableFuture<Outcome> join(String name) {
    CompletableFuture<Outcome> mine = new CompletableFuture<>();
    CompletableFuture<Outcome> running = inFlight.putIfAbsent(name, mine);
    if (running != null) {
      return running;
    }
    try {
      executor.execute(() -> run(name, mine));
    } catch (RuntimeException e) {
      inFlight.remove(name, mine);
      mine.complete(new Outcome(List.of(), 0, false));
    }
    return mine;
  }

  private void run(String name, CompletableFuture<Outcome> result) {
    long t0 = System.nanoTime();
    Outcome o;
    try {
      MetricSink sink = new MetricSink();
      collectors.get(name).collect(sink);
      o = new Outcome(sink.snapshots(), (System.nanoTime() - t0) / 1e9, true);
    } catch (Exception | LinkageError e) {
      logger.log(Level.WARNING, "collector " + name + " failed", e);
      o = new Outcome(List.of(), (System.nanoTime() - t0) / 1e9, false);
    }
    // Leave the map first: a scrape arriving after this point starts a fresh run.
    inFlight.remove(name, result);
    result.complete(o);
  }

  private static Outcome await(
      String name, CompletableFuture<Outcome> run, long deadline, long start) {
    try {
      return run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      logger.warning(() -> "collector " + name + " missed the scrape deadline");
    } catch (ExecutionException e) {
      logger.log(Level.WARNING, "collector " + name + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(List.of(), (System.nanoTime() - start) / 1e9, false);
  }
}
