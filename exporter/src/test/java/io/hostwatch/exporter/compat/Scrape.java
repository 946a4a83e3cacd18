package io.hostwatch.exporter.compat;

import io.hostwatch.exporter.textfile.MetricFamily;
import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.hostwatch.exporter.textfile.TextfileException;
import io.hostwatch.exporter.textfile.TextfileParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scrape of an exporter in the text format, parsed with our textfile parser (which follows
 * expfmt, so it also checks the exposition is well-formed and has no repeated series).
 */
final class Scrape {
  private final String body;
  private final Map<String, MetricFamily> families = new LinkedHashMap<>();

  private Scrape(String body, String source) throws TextfileException {
    this.body = body;
    for (MetricFamily f : TextfileParser.parseFamilies(body, source)) {
      families.put(f.name(), f);
    }
  }

  static Scrape of(HttpClient client, String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(url + " answered " + r.statusCode() + ":\n" + r.body());
    }
    try {
      return new Scrape(r.body(), url);
    } catch (TextfileException e) {
      throw new AssertionError("scrape of " + url + " is not valid text format: " + e.getMessage());
    }
  }

  String body() {
    return body;
  }

  Set<String> familyNames() {
    return families.keySet();
  }

  MetricFamily family(String name) {
    return families.get(name);
  }

  /** The samples named {@code sampleName}, by their labels. */
  Map<Map<String, String>, Double> series(String sampleName) {
    Map<Map<String, String>, Double> out = new TreeMap<>(Scrape::compareLabels);
    for (MetricFamily f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sampleName)) {
          out.put(s.labels(), s.value());
        }
      }
    }
    return out;
  }

  /** The value of a sample without labels, or null. */
  Double value(String sampleName) {
    return series(sampleName).get(Map.of());
  }

  static int compareLabels(Map<String, String> a, Map<String, String> b) {
    return a.toString().compareTo(b.toString());
  }
}
