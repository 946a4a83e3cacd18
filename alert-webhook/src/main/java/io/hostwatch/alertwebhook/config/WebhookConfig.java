package io.hostwatch.alertwebhook.config;

import io.hostwatch.common.prom.PrometheusConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code alert-webhook.yml}, as rules-gen generates it from the threshold file's {@code notify}
 * section. Every key is optional: environment variables ({@code SMTP_SERVER}, {@code EMAIL_TO}, …)
 * fill the SMTP settings and default recipients, and without any SMTP server mail goes to {@code
 * <storage>/sent} as {@code .eml} files. Charts are queried from {@code prometheus.url} (with its
 * TLS and credentials) when that block is given, else from {@code links.prometheus_url}, else not
 * at all: never from a URL named in a payload.
 *
 * <pre>{@code
 * WebhookConfig config = YamlConfigLoader.load(path, WebhookConfig.class).value();
 * }</pre>
 */
public record WebhookConfig(
    SmtpConfig smtp,
    List<Route> routes,
    List<String> defaultTo,
    Links links,
    String timeZone,
    Path templatesDir,
    PrometheusConfig prometheus) {

  public WebhookConfig {
    routes = routes == null ? List.of() : List.copyOf(routes);
    links = links == null ? new Links(null, null, null) : links;
  }

  /** The configuration of a service started without {@code --config.file}. */
  public static WebhookConfig empty() {
    return new WebhookConfig(null, null, null, null, null, null, null);
  }
}
