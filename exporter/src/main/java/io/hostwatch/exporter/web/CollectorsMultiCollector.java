package io.hostwatch.exporter.web;

import io.hostwatch.exporter.collector.ScrapeCoordinator;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;

/**
 * Hands the collectors to client_java's registry, so its {@code MetricsHandler} serves them in
 * text, OpenMetrics or protobuf, gzipped on request. The scrape deadline is Prometheus' {@code
 * X-Prometheus-Scrape-Timeout-Seconds} minus {@code offset} (blackbox_exporter's {@code
 * --timeout-offset}), so the answer reaches Prometheus before it gives up.
 */
public final class CollectorsMultiCollector implements MultiCollector {
  static final String TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  private final ScrapeCoordinator coordinator;
  private final Duration defaultTimeout;
  private final Duration offset;

  public CollectorsMultiCollector(
      ScrapeCoordinator coordinator, Duration defaultTimeout, Duration offset) {
    this.coordinator = coordinator;
    this.defaultTimeout = defaultTimeout;
    this.offset = offset;
  }

  @Override
  public MetricSnapshots collect() {
    return new MetricSnapshots(coordinator.scrape(timeoutNanos(null)));
  }

  @Override
  public MetricSnapshots collect(PrometheusScrapeRequest request) {
    String header =
        request instanceof PrometheusHttpRequest http ? http.getHeader(TIMEOUT_HEADER) : null;
    return new MetricSnapshots(coordinator.scrape(timeoutNanos(header)));
  }

  /** The time the collectors get: the header's seconds minus the offset, or the default. */
  long timeoutNanos(String header) {
    long timeout = defaultTimeout.toNanos();
    if (header != null) {
      try {
        double seconds = Double.parseDouble(header.strip());
        if (seconds > 0 && !Double.isInfinite(seconds)) {
          timeout = (long) (seconds * 1e9);
        }
      } catch (NumberFormatException e) {
        // A bad header is Prometheus' business; keep the default.
      }
    }
    long withOffset = timeout - offset.toNanos();
    // A timeout shorter than the offset: use half of it rather than nothing.
    return withOffset > 0 ? withOffset : timeout / 2;
  }
}
