package io.hostwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little of Prometheus' HTTP API and of the text exposition format the fleet test reads. */
final class PromApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One series of an instant vector. */
  record Sample(Map<String, String> labels, double value) {
    String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  private final String base;

  PromApi(String base) {
    this.base = base;
  }

  /** The instant vector {@code promql} evaluates to now. */
  List<Sample> query(String promql) throws IOException, InterruptedException {
    String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    JsonNode root = JSON.readTree(get(url));
    if (!"success".equals(root.path("status").asText())) {
      throw new AssertionError(promql + ": " + root);
    }
    List<Sample> out = new ArrayList<>();
    for (JsonNode r : root.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      r.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      out.add(new Sample(labels, Double.parseDouble(r.path("value").get(1).asText())));
    }
    return out;
  }

  /**
   * The sum of every sample of {@code name} on a {@code /metrics} page whose labels contain each of
   * {@code labelParts} (e.g. {@code integration="webhook"}); 0 when there is none.
   */
  static double scrape(String url, String name, String... labelParts)
      throws IOException, InterruptedException {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{.*})?\\s+(\\S+)$");
    double sum = 0;
    for (String l : get(url).split("\n")) {
      Matcher m = line.matcher(l);
      if (!m.matches()) {
        continue;
      }
      String labels = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (String part : labelParts) {
        all &= labels.contains(part);
      }
      if (all) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
