package io.hostwatch.alertwebhook;

import io.hostwatch.alertwebhook.config.WebhookConfig;
import io.hostwatch.alertwebhook.mail.SmtpSettings;
import io.hostwatch.alertwebhook.render.ChartService;
import io.hostwatch.alertwebhook.render.EmailComposer;
import io.hostwatch.alertwebhook.render.EmailRenderer;
import io.hostwatch.alertwebhook.render.RangeQueries;
import io.hostwatch.alertwebhook.render.TemplateException;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.YamlConfigLoader;
import io.hostwatch.common.prom.PrometheusConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code serve} and {@code preview} both build from the flags: the checked configuration, the
 * SMTP settings and the email composer. Every user mistake becomes a {@link ConfigException}.
 */
final class Setup {
  final WebhookConfig config;
  final ZoneId zone;
  final Optional<SmtpSettings> smtp;
  final EmailRenderer renderer;

  private Setup(WebhookConfig config, ZoneId zone, Optional<SmtpSettings> smtp, EmailRenderer r) {
    this.config = config;
    this.zone = zone;
    this.smtp = smtp;
    this.renderer = r;
  }

  /**
   * Where chart queries go: the {@code prometheus} block (its timeout defaults to the flag's), else
   * {@code links.prometheus_url} without credentials, else nowhere (emails without charts).
   */
  static PrometheusConfig chartSource(WebhookConfig config, Duration chartTimeout) {
    PrometheusConfig p = config.prometheus();
    if (p != null) {
      return p.timeout() != null
          ? p
          : new PrometheusConfig(
              p.url(),
              p.basicAuth(),
              p.bearerToken(),
              p.bearerTokenFile(),
              p.tlsConfig(),
              chartTimeout);
    }
    String url = config.links().prometheusUrl();
    return url == null ? null : new PrometheusConfig(url, null, null, null, null, chartTimeout);
  }

  static Setup load(Path configFile, Map<String, String> env) throws ConfigException {
    WebhookConfig config;
    ZoneId zone = ZoneId.of("UTC");
    String name = configFile == null ? "environment" : configFile.toString();
    if (configFile == null) {
      config = WebhookConfig.empty();
    } else {
      YamlConfigLoader.Loaded<WebhookConfig> loaded =
          YamlConfigLoader.load(configFile, WebhookConfig.class);
      config = loaded.value();
      if (config.timeZone() != null) {
        try {
          zone = ZoneId.of(config.timeZone());
        } catch (DateTimeException e) {
          throw new ConfigException(
              loaded.errorAt(
                  "time_zone",
                  "unknown time zone \""
                      + config.timeZone()
                      + "\" (expected an IANA name such as UTC or Europe/Berlin)"));
        }
      }
    }
    Optional<SmtpSettings> smtp;
    try {
      smtp = SmtpSettings.resolve(config.smtp(), env);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(new ConfigError(name, 0, 0, "smtp", e.getMessage()));
    }
    EmailRenderer renderer;
    try {
      renderer = EmailRenderer.load(config.templatesDir());
    } catch (TemplateException e) {
      throw new ConfigException(
          new ConfigError(name, 0, 0, "templates_dir", "template error: " + e.getMessage()));
    }
    return new Setup(config, zone, smtp, renderer);
  }

  EmailComposer composer(Duration chartTimeout, Clock clock, WebhookMetrics metrics) {
    PrometheusConfig prometheus = chartSource(config, chartTimeout);
    ChartService charts =
        prometheus == null
            ? null
            : new ChartService(new RangeQueries(prometheus), zone, clock, metrics::chartError);
    return new EmailComposer(renderer, charts, config.links(), zone, clock, metrics::renderError);
  }
}
