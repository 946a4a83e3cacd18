package io.hostwatch.alertwebhook.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusConfig;
import io.hostwatch.common.prom.PrometheusHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The range queries the charts need, sent only to the configured Prometheus through the shared
 * client: one deadline for the whole exchange, a capped body, no redirects to another origin.
 */
public final class RangeQueries {
  /** An hour at 15 s steps is 240 points a series; 8 MiB holds hundreds of series. */
  static final long MAX_BODY_BYTES = 8L << 20;

  /** Series drawn at most; the rest of a large answer is not worth a legend. */
  static final int MAX_SERIES = 50;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final PrometheusHttp http;

  /** One series of a range query. */
  public record Series(Map<String, String> labels, List<Instant> times, List<Double> values) {}

  public RangeQueries(PrometheusConfig config) {
    this.http = new PrometheusHttp(config, MAX_BODY_BYTES);
  }

  /** Runs {@code query} over [start, end]; throws with the reason on any failure. */
  public List<Series> queryRange(String query, Instant start, Instant end, Duration step)
      throws PromQueryException, InterruptedException {
    String form =
        PrometheusHttp.rangeParams(
            query, start.getEpochSecond(), end.getEpochSecond(), step.getSeconds());
    return parseMatrix(http.postForm("/api/v1/query_range", form));
  }

  /** Parses a query_range response body (pure, tested on strings). */
  static List<Series> parseMatrix(byte[] body) throws PromQueryException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new PromQueryException("query_range answer is not JSON: " + e.getMessage(), false, e);
    }
    if (root == null
        || !"success".equals(root.path("status").asText())
        || !"matrix".equals(root.path("data").path("resultType").asText())) {
      String error = root == null ? "?" : root.path("error").asText("?");
      throw new PromQueryException("unexpected query_range answer: " + error, false, null);
    }
    List<Series> out = new ArrayList<>();
    for (JsonNode s : root.path("data").path("result")) {
      if (out.size() == MAX_SERIES) {
        break;
      }
      Map<String, String> labels = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : s.path("metric").properties()) {
        labels.put(e.getKey(), e.getValue().asText());
      }
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (JsonNode point : s.path("values")) {
        double t = point.path(0).asDouble();
        if (!Double.isFinite(t)) {
          continue;
        }
        times.add(Instant.ofEpochMilli(Math.round(t * 1000)));
        values.add(PrometheusHttp.parseValue(point.path(1).asText()));
      }
      out.add(new Series(labels, times, values));
    }
    return out;
  }
}
