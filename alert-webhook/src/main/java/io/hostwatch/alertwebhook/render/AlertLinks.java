package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Alert;
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

  /** The generatorURL, pointed at {@code links.prometheus_url} when one is configured. */
  public static String graphUrl(Links links, String generatorUrl) {
    if (!isWebUrl(generatorUrl)) {
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
    if (!isWebUrl(alertmanagerBase)) {
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

  /**
   * An absolute http(s) URL with a host and nothing that could end an HTML attribute: the only
   * links an email offers. {@code javascript:}, {@code data:} and the like come from payloads and
   * are dropped.
   */
  public static String webUrlOrNull(String url) {
    return isWebUrl(url) ? url : null;
  }

  static boolean isWebUrl(String url) {
    if (url == null || url.length() > 8192) {
      return false;
    }
    String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://"))
        || !url.equals(url.strip())) {
      return false;
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == 0x7f) {
        return false;
      }
    }
    int hostStart = url.indexOf("//") + 2;
    return hostStart < url.length() && url.charAt(hostStart) != '/';
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
      if (isWebUrl(v)) {
        return v;
      }
    }
    return links.grafanaUrl();
  }

  /** The runbook annotation if it is a web link (never a javascript: URL). */
  public static String runbookUrl(Alert alert) {
    for (String key : new String[] {"runbook_url", "runbook"}) {
      String v = alert.annotation(key);
      if (isWebUrl(v)) {
        return v;
      }
    }
    return null;
  }
}
