package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Alert;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** The links an alert's section offers: Prometheus graph, silence form, Grafana, runbook. */
public final class AlertLinks {
  private AlertLinks() {}

  /** The PromQL of a Prometheus generatorURL ({@code /graph?g0.expr=...}), or null. */
  public static String expression(String generatorUrl) {
    int q = generatorUrl == null ? -1 : generatorUrl.indexOf('?');
    if (q < 0) {
      return null;
    }
    String query = generatorUrl.substring(q + 1);
    int hash = query.indexOf('#');
    if (hash >= 0) {
      query = query.substring(0, hash);
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("g0.expr=")) {
        try {
          String expr = URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8).strip();
          return expr.isEmpty() ? null : expr;
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Prometheus' base URL for API calls: {@code links.prometheus_url}, else the generatorURL up to
   * {@code /graph}, keeping a path prefix (Prometheus behind {@code --web.external-url}).
   */
  public static String prometheusBase(Links links, String generatorUrl) {
    if (links.prometheusUrl() != null) {
      return links.prometheusUrl();
    }
    if (generatorUrl == null || !generatorUrl.matches("(?i)https?://.*")) {
      return null;
    }
    int graph = generatorUrl.indexOf("/graph");
    if (graph > 0) {
      return generatorUrl.substring(0, graph);
    }
    URI uri = URI.create(generatorUrl.replace(" ", "%20"));
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** The generatorURL, pointed at {@code links.prometheus_url} when one is configured. */
  public static String graphUrl(Links links, String generatorUrl) {
    if (generatorUrl == null || generatorUrl.isEmpty()) {
      return null;
    }
    int graph = generatorUrl.indexOf("/graph");
    if (links.prometheusUrl() != null && graph > 0) {
      return links.prometheusUrl() + generatorUrl.substring(graph);
    }
    return generatorUrl;
  }

  /**
   * Alertmanager's new-silence form pre-filled with every label of the alert as an equality matcher
   * ({@code #/silences/new?filter={a="b",c="d"}}), as Alertmanager's own UI builds it.
   */
  public static String silenceUrl(String alertmanagerBase, Alert alert) {
    if (alertmanagerBase == null || alertmanagerBase.isEmpty()) {
      return null;
    }
    StringJoiner matchers = new StringJoiner(",", "{", "}");
    for (Map.Entry<String, String> label : alert.labels().entrySet()) {
      String value = label.getValue().replace("\\", "\\\\").replace("\"", "\\\"");
      matchers.add(label.getKey() + "=\"" + value + "\"");
    }
    String base =
        alertmanagerBase.endsWith("/")
            ? alertmanagerBase.substring(0, alertmanagerBase.length() - 1)
            : alertmanagerBase;
    return base + "/#/silences/new?filter=" + encode(matchers.toString());
  }

  /** Percent-encoding that also works inside a URL fragment (spaces as %20, not +). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A Grafana link: the alert's own {@code dashboard}/{@code grafana_url} annotation, else base.
   */
  public static String grafanaUrl(Links links, Alert alert) {
    for (String key : new String[] {"grafana_url", "dashboard", "dashboard_url"}) {
      String v = alert.annotation(key);
      if (v.startsWith("http://") || v.startsWith("https://")) {
        return v;
      }
    }
    return links.grafanaUrl();
  }

  /** The runbook annotation if it is a web link (never a javascript: URL). */
  public static String runbookUrl(Alert alert) {
    for (String key : new String[] {"runbook_url", "runbook"}) {
      String v = alert.annotation(key);
      if (v.startsWith("http://") || v.startsWith("https://")) {
        return v;
      }
    }
    return null;
  }
}
