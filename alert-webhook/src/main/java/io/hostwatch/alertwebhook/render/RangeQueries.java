package io.hostwatch.alertwebhook.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The part of Prometheus' HTTP API the charts need: {@code /api/v1/query_range}. */
public final class PrometheusClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http;
  private final Duration timeout;

  /** One series of a range query. */
  public record Series(Map<String, String> labels, List<Instant> times, List<Double> values) {}

  public PrometheusClient(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Runs {@code query} over [start, end]; throws IOException with the reason on any failure. */
  public List<Series> queryRange(
      String base, String query, Instant start, Instant end, Duration step)
      throws IOException, InterruptedException {
    String form =
        "query="
            + AlertLinks.encode(query)
            + "&start="
            + start.getEpochSecond()
            + "&end="
            + end.getEpochSecond()
            + "&step="
            + Math.max(1, step.getSeconds());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("Prometheus answered " + response.statusCode() + " for " + query);
    }
    return parseMatrix(response.body());
  }

  /** Parses a query_range response body (pure, tested on strings). */
  static List<Series> parseMatrix(byte[] body) throws IOException {
    JsonNode root = MAPPER.readTree(body);
    if (!"success".equals(root.path("status").asText())
        || !"matrix".equals(root.path("data").path("resultType").asText())) {
      throw new IOException("unexpected query_range answer: " + root.path("error").asText("?"));
    }
    List<Series> out = new ArrayList<>();
    for (JsonNode s : root.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : s.path("metric").properties()) {
        labels.put(e.getKey(), e.getValue().asText());
      }
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (JsonNode point : s.path("values")) {
        double t = point.path(0).asDouble();
        times.add(Instant.ofEpochMilli(Math.round(t * 1000)));
        values.add(parseValue(point.path(1).asText()));
      }
      out.add(new Series(labels, times, values));
    }
    return out;
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }
}
