package io.hostwatch.forecaster.service;

import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.forecaster.config.ForecastConfig;
import io.hostwatch.forecaster.config.ForecasterConfig;
import io.hostwatch.forecaster.config.Shard;
import io.hostwatch.forecaster.export.ForecastBatch;
import io.hostwatch.forecaster.export.ForecastStore;
import io.hostwatch.forecaster.export.SeriesForecast;
import io.hostwatch.forecaster.export.ServiceMetrics;
import io.hostwatch.forecaster.model.DataIssue;
import io.hostwatch.forecaster.model.Forecast;
import io.hostwatch.forecaster.model.ForecastSpec;
import io.hostwatch.forecaster.model.Forecaster;
import io.hostwatch.forecaster.prom.PromSeries;
import io.hostwatch.forecaster.prom.PrometheusClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every interval, for each configured forecast: query its series part by part (a few hosts at a
 * time, this replica's only), fit each part in a bounded pool while the next is fetched, and
 * replace the served batch. A failed query keeps the previous batch (its age grows in a metric); a
 * series that fails is counted and logged; nothing here ends the process.
 */
public final class ForecastService implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(ForecastService.class.getName());

  private final ForecasterConfig config;
  private final PrometheusClient client;
  private final ForecastStore store;
  private final ServiceMetrics metrics;
  private final LongSupplier nowMillis;
  private final ExecutorService pool;
  private final ScheduledExecutorService scheduler;
  private final Shard shard;
  private volatile boolean ready;

  /**
   * Samples asked for per request at most: about 30 MB of JSON, well under the client's cap on an
   * answer, and two parts' worth of samples stay far inside the default heap.
   */
  static final long POINTS_PER_REQUEST = 250_000;

  /** Parts fetched and not yet fitted, at most. */
  static final int PARTS_IN_FLIGHT = 3;

  /** How far back a host's series count as present when a run looks for hosts. */
  static final Duration DISCOVERY_WINDOW = Duration.ofHours(1);

  public ForecastService(
      ForecasterConfig config,
      PrometheusClient client,
      ForecastStore store,
      ServiceMetrics metrics,
      LongSupplier nowMillis) {
    this.config = config;
    this.client = client;
    this.store = store;
    this.metrics = metrics;
    this.nowMillis = nowMillis;
    this.shard = config.shardOrDefault();
    this.pool = Executors.newFixedThreadPool(config.parallelismOrDefault(), daemon("fit"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("schedule"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, "forecaster-" + name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs now, then every interval. */
  public void start() {
    long every = config.intervalOrDefault().toMillis();
    scheduler.scheduleWithFixedDelay(this::runAllSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Ready once every forecast has been attempted once. */
  public boolean ready() {
    return ready;
  }

  private void runAllSafely() {
    try {
      runAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      logger.log(Level.SEVERE, "forecast run failed", e); // next interval tries again
    }
  }

  /** One pass over every forecast. */
  public void runAll() throws InterruptedException {
    for (ForecastConfig f : config.forecasts()) {
      runOne(f);
    }
    ready = true;
  }

  void runOne(ForecastConfig f) throws InterruptedException {
    metrics.ran(f.name());
    long t0 = System.nanoTime();
    long stepS = f.stepOrDefault().toSeconds();
    long end = nowMillis.getAsLong() / 1000 / stepS * stepS;
    long start = end - f.lookbackOrDefault().toSeconds() + stepS;
    ForecastSpec spec = spec(f);
    List<SeriesForecast> out = new ArrayList<>();
    Deque<List<Future<SeriesForecast>>> fitting = new ArrayDeque<>();
    long points = 0;
    int parts = 0;
    long waitedNanos = 0; // for the query, the answer and its parsing
    try {
      long w0 = System.nanoTime();
      List<QueryPlan.Part> plan = plan(f, start, end, stepS);
      waitedNanos += System.nanoTime() - w0;
      for (QueryPlan.Part part : plan) {
        w0 = System.nanoTime();
        PrometheusClient.Result r = client.queryRange(part.query(), start, end, stepS);
        waitedNanos += System.nanoTime() - w0;
        parts++;
        List<Future<SeriesForecast>> futures = new ArrayList<>();
        for (PromSeries s : r.series()) {
          String host = s.labels().getOrDefault(QueryPlan.HOST_LABEL, "");
          if (part.keeps(host) && shard.owns(host)) {
            points += s.samples().size();
            futures.add(pool.submit(() -> fit(f.name(), s, spec)));
          }
        }
        fitting.add(futures);
        // Later parts are fetched while this one is fitted, up to PARTS_IN_FLIGHT: enough that
        // the fitting threads do not wait for Prometheus, few enough to bound the samples held.
        if (fitting.size() >= PARTS_IN_FLIGHT) {
          collect(f.name(), fitting.poll(), out);
        }
      }
    } catch (PromQueryException e) {
      fitting.forEach(futures -> futures.forEach(fu -> fu.cancel(true)));
      metrics.failed(f.name(), (System.nanoTime() - t0) / 1e9);
      logger.warning(
          "forecast="
              + f.name()
              + " query failed, serving the previous forecasts: "
              + e.getMessage());
      return;
    }
    while (!fitting.isEmpty()) {
      collect(f.name(), fitting.poll(), out);
    }
    metrics.fetched(f.name(), points);
    int fitted = (int) out.stream().filter(s -> !s.forecast().skipped()).count();
    store.put(
        new ForecastBatch(
            f.name(),
            f.horizonsOrDefault(),
            f.stepOrDefault(),
            f.threshold() != null,
            out,
            nowMillis.getAsLong()));
    metrics.succeeded(f.name(), (System.nanoTime() - t0) / 1e9, fitted, nowMillis.getAsLong());
    logger.fine(
        "forecast="
            + f.name()
            + " parts="
            + parts
            + " series="
            + out.size()
            + " fitted="
            + fitted
            + " shard="
            + shard
            + " seconds="
            + (System.nanoTime() - t0) / 1e9
            + " querying_seconds="
            + waitedNanos / 1e9);
  }

  /**
   * The requests for one run: which hosts the query has now (those with series in the last {@link
   * #DISCOVERY_WINDOW}: Prometheus reads every sample of a range whatever the step, so looking over
   * the whole lookback would cost as much as the query itself), then parts of at most {@link
   * #POINTS_PER_REQUEST} points. A host silent for longer is not forecast until it is back.
   */
  private List<QueryPlan.Part> plan(ForecastConfig f, long start, long end, long stepS)
      throws PromQueryException, InterruptedException {
    long window = Math.min(end - start, DISCOVERY_WINDOW.toSeconds()) / stepS * stepS;
    Map<String, Long> hosts =
        client.seriesPer(QueryPlan.HOST_LABEL, f.query(), end - window, end, stepS);
    long pointsPerSeries = Math.min((end - start) / stepS + 1, PrometheusClient.MAX_POINTS);
    long maxSeries = Math.max(1, POINTS_PER_REQUEST / pointsPerSeries);
    return QueryPlan.plan(f.query(), hosts, shard, maxSeries);
  }

  private void collect(String name, List<Future<SeriesForecast>> futures, List<SeriesForecast> out)
      throws InterruptedException {
    for (Future<SeriesForecast> fu : futures) {
      try {
        SeriesForecast sf = fu.get();
        if (sf != null) {
          out.add(sf);
        }
      } catch (ExecutionException e) {
        metrics.issue(name, "internal_error"); // fit() catches; this is belt and braces
      }
    }
  }

  private SeriesForecast fit(String name, PromSeries s, ForecastSpec spec) {
    try {
      double[] values = s.values();
      Forecast fc = Forecaster.forecast(values, values.length, spec);
      for (DataIssue i : fc.issues()) {
        metrics.issue(name, i.label());
      }
      if (fc.skipped()) {
        logger.fine("forecast=" + name + " series=" + s.labels() + " skipped: " + fc.issues());
      }
      return new SeriesForecast(s.labels(), fc);
    } catch (RuntimeException e) {
      metrics.issue(name, "internal_error");
      logger.log(Level.WARNING, "forecast=" + name + " series=" + s.labels() + " fit failed", e);
      return null;
    }
  }

  /** The model's view of a forecast's configuration, in steps. */
  static ForecastSpec spec(ForecastConfig f) {
    long step = f.stepOrDefault().toSeconds();
    int[] hs = f.horizonsOrDefault().stream().mapToInt(h -> steps(h, step)).toArray();
    int points = (int) (f.lookbackOrDefault().toSeconds() / step);
    ForecastSpec s =
        new ForecastSpec(
            f.modelOrDefault(),
            steps(f.seasonOrDefault(), step),
            hs,
            f.level() == null ? 0.95 : f.level(),
            f.threshold() == null ? Double.NaN : f.threshold(),
            steps(Duration.ofHours(6), step) + 1,
            f.anomalyRun() == null ? 3 : f.anomalyRun(),
            Math.max(4 * points, 8064));
    return s;
  }

  static int steps(Duration d, long step) {
    return (int) Math.max(1, (d.toSeconds() + step - 1) / step);
  }

  /** Stops scheduling and fitting; a run in flight is interrupted. */
  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    pool.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
