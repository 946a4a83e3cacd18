package io.hostwatch.forecaster.prom;

import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.common.prom.PrometheusHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Range queries against the Prometheus HTTP API ({@code /api/v1/query_range}), split into chunks of
 * at most {@value #MAX_POINTS} steps (Prometheus refuses more than 11,000 points per series), each
 * retried with exponential backoff when the failure is retryable.
 */
public final class PrometheusClient {
  /** Steps per request, under Prometheus' 11,000-points-per-series limit with a margin. */
  static final int MAX_POINTS = 10_000;

  /**
   * The largest answer read for one chunk: far above what a chunk of real series needs, far below
   * what would exhaust the service's heap.
   */
  static final long MAX_RESPONSE_BYTES = 64L << 20;

  private static final Logger logger = Logger.getLogger(PrometheusClient.class.getName());

  private final PrometheusConfig config;
  private final PrometheusHttp http;
  private final int attempts;
  private final Duration backoff;

  public PrometheusClient(PrometheusConfig config, int attempts, Duration backoff) {
    this.config = config;
    this.http = new PrometheusHttp(config, MAX_RESPONSE_BYTES);
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
  }

  /** The series of {@code query} over {@code [start, end]} at {@code step}, on that grid. */
  public Result queryRange(String query, long start, long end, long step)
      throws PromQueryException, InterruptedException {
    int len = (int) ((end - start) / step) + 1;
    Map<Map<String, String>, SampleBuffer> series = new LinkedHashMap<>();
    long points = 0;
    for (long from = start; from <= end; from += (long) MAX_POINTS * step) {
      long to = Math.min(end, from + (long) (MAX_POINTS - 1) * step);
      byte[] body = withRetries(rangePath(query, from, to, step));
      points += RangeResponseParser.parse(body, start, step, len, series);
    }
    List<PromSeries> out = new ArrayList<>();
    series.forEach((labels, samples) -> out.add(new PromSeries(labels, start, step, len, samples)));
    return new Result(out, points);
  }

  /** The series found and the samples fetched. */
  public record Result(List<PromSeries> series, long points) {}

  /** The path and query of one chunk's request. */
  static String rangePath(String query, long from, long to, long step) {
    return "/api/v1/query_range?" + PrometheusHttp.rangeParams(query, from, to, step);
  }

  private byte[] withRetries(String pathAndQuery) throws PromQueryException, InterruptedException {
    PromQueryException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        return http.get(pathAndQuery);
      } catch (PromQueryException e) {
        last = e;
        if (!e.retryable() || attempt == attempts) {
          break;
        }
        long wait = backoff.toMillis() << (attempt - 1);
        logger.log(Level.FINE, "query failed, retrying in " + wait + "ms: " + e.getMessage());
        Thread.sleep(wait);
      }
    }
    throw last;
  }
}
