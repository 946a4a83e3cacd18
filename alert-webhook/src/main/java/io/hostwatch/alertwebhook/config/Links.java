package io.hostwatch.alertwebhook.config;

/**
 * Base URLs for the links in an email. Absent ones are derived from the payload: Prometheus from
 * each alert's {@code generatorURL}, Alertmanager from {@code externalURL}.
 */
public record Links(String prometheusUrl, String alertmanagerUrl, String grafanaUrl) {
  public Links {
    prometheusUrl = trimSlash(prometheusUrl);
    alertmanagerUrl = trimSlash(alertmanagerUrl);
    grafanaUrl = trimSlash(grafanaUrl);
  }

  private static String trimSlash(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          "\"" + url + "\" is not an http(s) URL (expected e.g. http://localhost:9090)");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
