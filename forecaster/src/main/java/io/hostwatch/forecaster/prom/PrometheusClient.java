package io.hostwatch.forecaster.prom;

import io.hostwatch.forecaster.config.PrometheusConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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

  private static final Logger logger = Logger.getLogger(PrometheusClient.class.getName());

  private final PrometheusConfig config;
  private final HttpClient http;
  private final int attempts;
  private final Duration backoff;

  public PrometheusClient(PrometheusConfig config, int attempts, Duration backoff) {
    this.config = config;
    this.http = HttpClients.create(config);
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
  }

  /** The series of {@code query} over {@code [start, end]} at {@code step}, on that grid. */
  public Result queryRange(String query, long start, long end, long step)
      throws PromQueryException, InterruptedException {
    int len = (int) ((end - start) / step) + 1;
    Map<Map<String, String>, double[]> series = new LinkedHashMap<>();
    long points = 0;
    for (long from = start; from <= end; from += (long) MAX_POINTS * step) {
      long to = Math.min(end, from + (long) (MAX_POINTS - 1) * step);
      String body = withRetries(rangeUri(query, from, to, step));
      points += RangeResponseParser.parse(body, start, step, len, series);
    }
    List<PromSeries> out = new ArrayList<>();
    series.forEach((labels, values) -> out.add(new PromSeries(labels, start, step, values)));
    return new Result(out, points);
  }

  /** The series found and the samples fetched. */
  public record Result(List<PromSeries> series, long points) {}

  URI rangeUri(String query, long from, long to, long step) {
    String base = config.url().replaceAll("/+$", "");
    return URI.create(
        base
            + "/api/v1/query_range?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start="
            + from
            + "&end="
            + to
            + "&step="
            + step);
  }

  private String withRetries(URI uri) throws PromQueryException, InterruptedException {
    PromQueryException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        return get(uri);
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

  private String get(URI uri) throws PromQueryException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(config.timeoutOrDefault()).GET();
    String auth = authorization();
    if (auth != null) {
      req.header("Authorization", auth);
    }
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PromQueryException(config.url() + ": " + e, true, e);
    }
    int code = resp.statusCode();
    if (code >= 500 || code == 429) {
      throw new PromQueryException(config.url() + ": HTTP " + code, true, null);
    }
    if (code == 401 || code == 403) {
      throw new PromQueryException(
          config.url() + ": HTTP " + code + " (check the credentials)", false, null);
    }
    return resp.body(); // 400/422 carry Prometheus' error JSON, which the parser reports
  }

  /** The Authorization header, files re-read on each request so rotated secrets apply. */
  String authorization() throws PromQueryException {
    try {
      if (config.basicAuth() != null) {
        var b = config.basicAuth();
        String password =
            b.passwordFile() != null
                ? Files.readString(b.passwordFile()).strip()
                : b.password() == null ? "" : b.password();
        String pair = b.username() + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      }
      if (config.bearerToken() != null) {
        return "Bearer " + config.bearerToken();
      }
      if (config.bearerTokenFile() != null) {
        return "Bearer " + Files.readString(config.bearerTokenFile()).strip();
      }
    } catch (IOException e) {
      throw new PromQueryException("cannot read credentials: " + e.getMessage(), true, e);
    }
    return null;
  }
}
