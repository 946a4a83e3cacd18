package io.hostwatch.exporter.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScrapeCoordinatorTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() {
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void aHangingCollectorIsReportedFailedAndDoesNotHoldTheScrape() {
    Map<String, Collector> collectors = new LinkedHashMap<>();
    collectors.put("ok", out -> out.gauge("ok_value", "ok", 1));
    collectors.put("hang", out -> release.await());
    collectors.put(
        "broken",
        out -> {
          throw new java.io.IOException("boom");
        });
    ScrapeCoordinator c = new ScrapeCoordinator(collectors, pool);

    List<MetricSnapshot> result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> c.scrape(Duration.ofMillis(300).toNanos()));

    assertEquals(1.0, value(result, ScrapeCoordinator.SUCCESS, "ok"));
    assertEquals(0.0, value(result, ScrapeCoordinator.SUCCESS, "hang"));
    assertEquals(0.0, value(result, ScrapeCoordinator.SUCCESS, "broken"));
    assertTrue(names(result).contains("ok_value"));
  }

  @Test
  void aCollectorQueuedBehindAHungOneInTheSameBatchStillRuns() {
    Map<String, Collector> collectors = new LinkedHashMap<>();
    collectors.put("hang", out -> release.await());
    collectors.put("after", out -> out.gauge("after_value", "after", 1));
    ScrapeCoordinator c = new ScrapeCoordinator(collectors, pool, 1);
    List<MetricSnapshot> result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> c.scrape(Duration.ofSeconds(2).toNanos()));
    assertEquals(0.0, value(result, ScrapeCoordinator.SUCCESS, "hang"));
    assertEquals(1.0, value(result, ScrapeCoordinator.SUCCESS, "after"));
  }

  @Test
  void anAbsentSourceIsLoggedAtDebugLevelAndAnErrorAsAWarning() {
    Map<String, Collector> collectors = new LinkedHashMap<>();
    collectors.put(
        "absent",
        out -> {
          throw new java.nio.file.NoSuchFileException("/proc/net/stat/nf_conntrack");
        });
    collectors.put(
        "broken",
        out -> {
          throw new java.io.IOException("boom");
        });
    List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(ScrapeCoordinator.class.getName());
    java.util.logging.Level before = logger.getLevel();
    logger.setLevel(java.util.logging.Level.ALL);
    logger.addHandler(handler);
    try {
      List<MetricSnapshot> result =
          new ScrapeCoordinator(collectors, pool).scrape(Duration.ofSeconds(20).toNanos());
      assertEquals(0.0, value(result, ScrapeCoordinator.SUCCESS, "absent"));
      assertEquals(0.0, value(result, ScrapeCoordinator.SUCCESS, "broken"));
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(before);
    }
    Map<String, java.util.logging.Level> levels = new LinkedHashMap<>();
    records.forEach(r -> levels.put(r.getMessage().split(" ")[1], r.getLevel()));
    assertEquals(java.util.logging.Level.FINE, levels.get("absent"));
    assertEquals(java.util.logging.Level.WARNING, levels.get("broken"));
  }

  @Test
  void aHungCollectorRecoversOnceItsRunReturns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    Map<String, Collector> collectors =
        Map.of(
            "slow",
            out -> {
              if (calls.incrementAndGet() == 1) {
                gate.await();
              }
              out.gauge("slow_value", "slow", 2);
            });
    ScrapeCoordinator c = new ScrapeCoordinator(collectors, pool);
    long shortTimeout = Duration.ofMillis(100).toNanos();
    assertEquals(0.0, value(c.scrape(shortTimeout), ScrapeCoordinator.SUCCESS, "slow"));
    assertEquals(0.0, value(c.scrape(shortTimeout), ScrapeCoordinator.SUCCESS, "slow"));
    assertEquals(1, calls.get(), "the hung run is joined, not repeated");
    gate.countDown();
    List<MetricSnapshot> after = c.scrape(Duration.ofSeconds(20).toNanos());
    // The first scrape after release may still join the old run: either way it succeeds now.
    assertEquals(1.0, value(after, ScrapeCoordinator.SUCCESS, "slow"));
  }

  @Test
  void concurrentScrapesShareOneRun() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    Map<String, Collector> collectors =
        Map.of(
            "counted",
            out -> {
              int run = runs.incrementAndGet();
              started.countDown();
              proceed.await();
              out.gauge("counted_value", "Which run of the collector this is.", run);
            });
    ScrapeCoordinator c = new ScrapeCoordinator(collectors, pool);
    List<FutureTask<List<MetricSnapshot>>> scrapes = new ArrayList<>();
    List<Thread> joiners = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      FutureTask<List<MetricSnapshot>> scrape =
          new FutureTask<>(() -> c.scrape(Duration.ofSeconds(20).toNanos()));
      Thread t = new Thread(scrape, "scrape-" + i);
      t.setDaemon(true);
      scrapes.add(scrape);
      t.start();
      if (i == 0) {
        assertTrue(started.await(20, TimeUnit.SECONDS), "the first scrape started a run");
      } else {
        joiners.add(t);
      }
    }
    // The run stays blocked until all four later scrapes wait on it: each could join it.
    for (Thread t : joiners) {
      awaitWaitingInScrape(t);
    }
    proceed.countDown();
    for (FutureTask<List<MetricSnapshot>> f : scrapes) {
      List<MetricSnapshot> result = f.get(20, TimeUnit.SECONDS);
      assertEquals(1.0, value(result, ScrapeCoordinator.SUCCESS, "counted"));
      assertEquals(1.0, Snapshots.value(result, "counted_value", Map.of()), "run 1's");
    }
    assertEquals(1, runs.get(), "five concurrent scrapes, one run");
  }

  /**
   * Waits until {@code t} is parked inside {@link ScrapeCoordinator#scrape}: it has then claimed or
   * joined its runs, since nothing before that blocks. The coordinator has no hook to tell.
   */
  private static void awaitWaitingInScrape(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Thread.State state = t.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        for (StackTraceElement e : t.getStackTrace()) {
          if (e.getClassName().equals(ScrapeCoordinator.class.getName())
              && e.getMethodName().equals("scrape")) {
            return;
          }
        }
      }
      Thread.sleep(1);
    }
    throw new AssertionError(t.getName() + " never waited in scrape: " + t.getState());
  }

  static double value(List<MetricSnapshot> snapshots, String name, String collector) {
    for (MetricSnapshot s : snapshots) {
      if (s.getMetadata().getName().equals(name)) {
        for (DataPointSnapshot p : ((GaugeSnapshot) s).getDataPoints()) {
          if (collector.equals(p.getLabels().get("collector"))) {
            return ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue();
          }
        }
      }
    }
    throw new AssertionError("no " + name + "{collector=" + collector + "}");
  }

  static List<String> names(List<MetricSnapshot> snapshots) {
    return snapshots.stream().map(s -> s.getMetadata().getPrometheusName()).toList();
  }
}
