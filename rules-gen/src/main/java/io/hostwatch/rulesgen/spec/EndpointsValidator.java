package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import io.hostwatch.rulesgen.spec.Spec.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the optional keys that say where things listen, and fills in the default ports. */
final class EndpointsValidator {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9_.\\[\\]:-]+:\\d{1,5}");

  private EndpointsValidator() {}

  static Endpoints endpoints(
      ThresholdFile f, List<Matcher> selector, Loaded<?> loaded, List<ConfigError> errors) {
    var t = f.targets() == null ? new ThresholdFile.Targets(null, null, null, null) : f.targets();
    String selectorJob =
        selector.stream()
            .filter(m -> m.label().equals("job") && m.op().equals("="))
            .map(Matcher::value)
            .findFirst()
            .orElse(null);
    String job = t.job() != null ? t.job() : selectorJob != null ? selectorJob : "node";
    if (selectorJob != null && !selectorJob.equals(job)) {
      errors.add(
          loaded.errorAt(
              "targets.job",
              "\""
                  + job
                  + "\" is not the job the selector picks (expected \""
                  + selectorJob
                  + "\", or change selector)"));
    }
    List<String> statics =
        t.staticTargets() == null ? List.of("127.0.0.1:9110") : t.staticTargets();
    for (int i = 0; i < statics.size(); i++) {
      if (!HOST_PORT.matcher(statics.get(i)).matches()) {
        errors.add(
            loaded.errorAt(
                "targets.static[" + i + "]",
                "\"" + statics.get(i) + "\" is not a target (expected host:port)"));
      }
    }
    String registryUrl =
        url(f.registryUrl(), "http://127.0.0.1:9113", "registry_url", loaded, errors);
    // Exporters started with --discovery.url register with the registry: read it by default, so
    // a new host appears without editing a file. `http_sd: []` turns this off.
    List<String> httpSd =
        t.httpSd() == null ? List.of(stripSlash(registryUrl) + "/api/v1/targets") : t.httpSd();
    for (int i = 0; i < httpSd.size(); i++) {
      url(httpSd.get(i), "targets.http_sd[" + i + "]", loaded, errors);
    }
    return new Endpoints(
        job,
        statics,
        t.fileSd() == null ? List.of("/etc/prometheus/file_sd/hostwatch/*.yml") : t.fileSd(),
        httpSd,
        positive(f.scrapeInterval(), Duration.ofSeconds(15), "scrape_interval", loaded, errors),
        positive(
            f.evaluationInterval(), Duration.ofSeconds(15), "evaluation_interval", loaded, errors),
        positive(f.retention(), Duration.ofDays(15), "retention", loaded, errors),
        url(f.prometheusUrl(), "http://127.0.0.1:9090", "prometheus_url", loaded, errors),
        url(f.alertmanagerUrl(), "http://127.0.0.1:9093", "alertmanager_url", loaded, errors),
        url(f.webhookUrl(), "http://127.0.0.1:9112", "webhook_url", loaded, errors),
        ForecasterValidator.urls(f, loaded, errors),
        registryUrl,
        url(f.grafanaUrl(), "http://127.0.0.1:3000", "grafana_url", loaded, errors),
        dir(f.grafanaDashboardsDir(), loaded, errors),
        url(
            f.runbookBaseUrl(),
            "https://runbooks.example.com/hostwatch",
            "runbook_base_url",
            loaded,
            errors),
        remoteWrite(f.remoteWrite(), loaded, errors));
  }

  /** Each store once: Prometheus refuses two remote_write entries that are the same. */
  private static List<String> remoteWrite(
      List<ThresholdFile.RemoteWrite> stores, Loaded<?> loaded, List<ConfigError> errors) {
    if (stores == null) {
      return List.of();
    }
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      String path = "remote_write[" + i + "].url";
      String url = stores.get(i) == null ? null : stores.get(i).url();
      if (url == null) {
        errors.add(loaded.errorAt(path, "missing (expected url: http://host:port/path)"));
        continue;
      }
      if (!url(url, path, loaded, errors)) {
        continue;
      }
      if (urls.contains(url)) {
        errors.add(
            loaded.errorAt(path, "\"" + url + "\" is listed twice (expected each store once)"));
      }
      urls.add(url);
    }
    return urls;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Grafana needs an absolute path: it does not know where the provisioning file came from. */
  private static String dir(String value, Loaded<?> loaded, List<ConfigError> errors) {
    if (value == null) {
      return "/var/lib/grafana/dashboards/hostwatch";
    }
    if (!value.startsWith("/") && !value.matches("[A-Za-z]:[\\\\/].*")) {
      errors.add(
          loaded.errorAt(
              "grafana_dashboards_dir",
              "\""
                  + value
                  + "\" is not absolute (expected the folder Grafana reads, e.g."
                  + " /var/lib/grafana/dashboards/hostwatch)"));
    }
    return value;
  }

  private static Duration positive(
      Duration d, Duration fallback, String path, Loaded<?> loaded, List<ConfigError> errors) {
    if (d == null) {
      return fallback;
    }
    if (d.isZero()) {
      errors.add(loaded.errorAt(path, "must be longer than 0s (expected a duration like 15s)"));
    }
    return d;
  }

  static String url(
      String value, String fallback, String path, Loaded<?> loaded, List<ConfigError> errors) {
    if (value == null) {
      return fallback;
    }
    url(value, path, loaded, errors);
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  /** Whether {@code value} is an http(s) URL with a host; reports it at {@code path} if not. */
  static boolean url(String value, String path, Loaded<?> loaded, List<ConfigError> errors) {
    try {
      URI uri = new URI(value);
      if ((uri.getScheme() == null || !uri.getScheme().matches("https?"))
          || uri.getHost() == null) {
        throw new URISyntaxException(value, "no http(s) scheme or host");
      }
      return true;
    } catch (URISyntaxException e) {
      errors.add(
          loaded.errorAt(
              path, "\"" + value + "\" is not a URL (expected http://host:port or https://...)"));
      return false;
    }
  }
}
