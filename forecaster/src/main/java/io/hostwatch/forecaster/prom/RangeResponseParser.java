package io.hostwatch.forecaster.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.prom.PromQueryException;
import java.util.Map;
import java.util.TreeMap;

/** Parses {@code /api/v1/query_range} JSON onto a regular grid; pure, tested on strings. */
final class RangeResponseParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RangeResponseParser() {}

  /**
   * Adds every series of {@code body} to {@code into} (keyed by labels without {@code __name__}),
   * placing each sample at its step of the grid {@code start + i * step}, {@code i < len}.
   *
   * @return the number of samples placed
   */
  static long parse(
      String body, long start, long step, int len, Map<Map<String, String>, double[]> into)
      throws PromQueryException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) {
      throw new PromQueryException("response is not JSON: " + e.getMessage(), true, e);
    }
    if (!"success".equals(root.path("status").asText())) {
      throw new PromQueryException(
          "query failed: " + root.path("errorType").asText() + ": " + root.path("error").asText(),
          false,
          null);
    }
    JsonNode data = root.path("data");
    if (!"matrix".equals(data.path("resultType").asText())) {
      throw new PromQueryException(
          "expected a matrix result, got '" + data.path("resultType").asText() + "'", false, null);
    }
    long placed = 0;
    for (JsonNode s : data.path("result")) {
      Map<String, String> labels = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : s.path("metric").properties()) {
        if (!e.getKey().equals("__name__")) {
          labels.put(e.getKey(), e.getValue().asText());
        }
      }
      double[] values =
          into.computeIfAbsent(
              labels,
              k -> {
                double[] v = new double[len];
                java.util.Arrays.fill(v, Double.NaN);
                return v;
              });
      for (JsonNode p : s.path("values")) {
        double t = p.path(0).asDouble();
        long i = Math.round((t - start) / step);
        if (i >= 0 && i < len) {
          values[(int) i] = parseValue(p.path(1).asText());
          placed++;
        }
      }
    }
    return placed;
  }

  /** Prometheus sends values as strings, including "NaN", "+Inf" and "-Inf". */
  static double parseValue(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }
}
