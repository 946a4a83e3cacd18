package io.hostwatch.forecaster.prom;

import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.common.prom.PrometheusHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Range queries against the Prometheus HTTP API ({@code /api/v1/query_range}), split into chunks of
 * at most {@value #MAX_POINTS} steps (Prometheus refuses more than 11,000 points per series), each
 * retried with exponential backoff when the failure is retryable.
 */
public final class PrometheusClient {
  /** Steps per request, under Prometheus' 11,000-points-per-series limit with a margin. */
  public static final int MAX_POINTS = 10_000;

  /**
   * The largest answer read for one chunk: far above what a chunk of real series needs, far below
   * what would exhaust the service's heap.
   */
  static final long MAX_RESPONSE_BYTES = 64L << 20;

  /** Longer parameters go in a POST form: proxies and servers commonly refuse URLs over 8 KiB. */
  static final int MAX_GET_PARAMS = 4096;

  private static final String RANGE_PATH = "/api/v1/query_range";

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
      byte[] body = withRetries(query, from, to, step);
      points += RangeResponseParser.parse(body, start, step, len, series);
    }
    List<PromSeries> out = new ArrayList<>();
    series.forEach((labels, samples) -> out.add(new PromSeries(labels, start, step, len, samples)));
    return new Result(out, points);
  }

  /** The series found and the samples fetched. */
  public record Result(List<PromSeries> series, long points) {}

  /**
   * How many series of {@code query} each value of {@code label} has over {@code [start, end]} (the
   * most at any one of the {@code step}s looked at); series without the label count under "". A
   * cheap look at the answer's shape, so the full query can be split by hosts.
   */
  public Map<String, Long> seriesPer(String label, String query, long start, long end, long step)
      throws PromQueryException, InterruptedException {
    String count = "count by (" + label + ") (" + query + ")";
    Result r = queryRange(count, start, end, step);
    Map<String, Long> out = new TreeMap<>();
    for (PromSeries s : r.series()) {
      long most = 0;
      for (double v : s.values()) {
        if (v > most) {
          most = (long) v;
        }
      }
      out.merge(s.labels().getOrDefault(label, ""), Math.max(1, most), Long::sum);
    }
    return out;
  }

  /** The path and query of one chunk's request. */
  static String rangePath(String query, long from, long to, long step) {
    return RANGE_PATH + "?" + PrometheusHttp.rangeParams(query, from, to, step);
  }

  private byte[] withRetries(String query, long from, long to, long step)
      throws PromQueryException, InterruptedException {
    String params = PrometheusHttp.rangeParams(query, from, to, step);
    PromQueryException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        // A query narrowed to many hosts is long; a form body has no URL length limit.
        return params.length() > MAX_GET_PARAMS
            ? http.postForm(RANGE_PATH, params)
            : http.get(RANGE_PATH + "?" + params);
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
