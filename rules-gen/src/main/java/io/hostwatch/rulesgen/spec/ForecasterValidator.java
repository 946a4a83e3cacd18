package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks {@code forecaster_url} and {@code forecaster:}, and gives the address of every forecaster
 * replica in shard order. Without {@code forecaster.urls} replica {@code i} listens on {@code
 * forecaster_url}'s port plus {@code 10 * i} (9111, 9121, 9131…), which leaves the ports between
 * free for the other services' second instances.
 */
final class ForecasterValidator {
  static final String DEFAULT_URL = "http://127.0.0.1:9111";

  /** Each replica gets its own config file and scrape target: keep that list readable. */
  static final int MAX_SHARDS = 100;

  static final int PORT_STRIDE = 10;

  private ForecasterValidator() {}

  static List<String> urls(ThresholdFile f, Loaded<?> loaded, List<ConfigError> errors) {
    var fc = f.forecaster() == null ? new ThresholdFile.Forecaster(null, null) : f.forecaster();
    String base =
        EndpointsValidator.url(f.forecasterUrl(), DEFAULT_URL, "forecaster_url", loaded, errors);
    Integer shards = fc.shards();
    if (shards != null && (shards < 1 || shards > MAX_SHARDS)) {
      errors.add(
          loaded.errorAt(
              "forecaster.shards",
              shards + " is out of range (expected 1 to " + MAX_SHARDS + " replicas)"));
      return List.of(base);
    }
    if (fc.urls() != null) {
      return explicit(fc.urls(), shards, f.forecasterUrl() != null, loaded, errors, base);
    }
    return derived(base, shards == null ? 1 : shards, loaded, errors);
  }

  private static List<String> explicit(
      List<String> urls,
      Integer shards,
      boolean baseSet,
      Loaded<?> loaded,
      List<ConfigError> errors,
      String base) {
    if (baseSet) {
      errors.add(
          loaded.errorAt(
              "forecaster_url",
              "set together with forecaster.urls (expected one of them: forecaster.urls lists"
                  + " every replica)"));
    }
    if (urls.isEmpty()) {
      errors.add(loaded.errorAt("forecaster.urls", "is empty (expected one URL per replica)"));
      return List.of(base);
    }
    if (shards != null && shards != urls.size()) {
      errors.add(
          loaded.errorAt(
              "forecaster.urls",
              "lists "
                  + urls.size()
                  + " URLs for "
                  + shards
                  + " shards (expected one URL per replica)"));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      String path = "forecaster.urls[" + i + "]";
      String url = urls.get(i);
      if (url == null || !EndpointsValidator.url(url, path, loaded, errors)) {
        if (url == null) {
          errors.add(loaded.errorAt(path, "missing (expected http://host:port)"));
        }
        continue;
      }
      String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      if (out.stream().anyMatch(o -> target(o).equals(target(u)))) {
        errors.add(
            loaded.errorAt(path, "\"" + url + "\" is listed twice (expected each replica once)"));
      } else if (!out.isEmpty() && !sameJob(out.get(0), u)) {
        // Prometheus scrapes the replicas as one job: one scheme and one path for all.
        errors.add(
            loaded.errorAt(
                path,
                "\""
                    + url
                    + "\" differs from forecaster.urls[0] in scheme or path (expected only the"
                    + " host and port to differ: the replicas are one scrape job)"));
      }
      out.add(u);
    }
    return out.isEmpty() ? List.of(base) : out;
  }

  private static List<String> derived(
      String base, int shards, Loaded<?> loaded, List<ConfigError> errors) {
    if (shards == 1) {
      return List.of(base);
    }
    URI u = URI.create(base);
    int port = port(u);
    int last = port + PORT_STRIDE * (shards - 1);
    if (last > 65_535) {
      errors.add(
          loaded.errorAt(
              "forecaster.shards",
              "replica "
                  + (shards - 1)
                  + " would listen on port "
                  + last
                  + " (expected forecaster.urls, or fewer shards)"));
      return List.of(base);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      out.add(
          u.getScheme()
              + "://"
              + u.getHost()
              + ":"
              + (port + PORT_STRIDE * i)
              + Objects.requireNonNullElse(u.getRawPath(), ""));
    }
    return out;
  }

  private static int port(URI u) {
    return u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
  }

  private static String target(String url) {
    URI u = URI.create(url);
    return u.getHost() + ":" + port(u);
  }

  private static boolean sameJob(String a, String b) {
    URI x = URI.create(a);
    URI y = URI.create(b);
    return x.getScheme().equals(y.getScheme())
        && Objects.requireNonNullElse(x.getRawPath(), "")
            .equals(Objects.requireNonNullElse(y.getRawPath(), ""));
  }
}
