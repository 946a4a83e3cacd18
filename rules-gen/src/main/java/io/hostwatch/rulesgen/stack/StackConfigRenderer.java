package io.hostwatch.rulesgen.stack;

import static io.hostwatch.rulesgen.yaml.YamlWriter.comment;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.Endpoints;
import io.hostwatch.rulesgen.spec.Spec.ReceiverSpec;
import io.hostwatch.rulesgen.yaml.Header;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the other parts of the stack: {@code prometheus.yml}, {@code
 * alertmanager.yml}, the alert-webhook's and the forecaster's files.
 */
public final class StackConfigRenderer {
  private StackConfigRenderer() {}

  public static Map<String, String> render(Spec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("prometheus/prometheus.yml", prometheus(spec));
    out.put("alertmanager/alertmanager.yml", alertmanager(spec));
    out.put("alert-webhook/alert-webhook.yml", webhook(spec));
    out.putAll(ForecasterConfigRenderer.render(spec));
    return out;
  }

  static String prometheus(Spec spec) {
    Endpoints e = spec.endpoints();
    Map<Object, Object> m = new LinkedHashMap<>();
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", Durations.format(e.scrapeInterval()));
    global.put("evaluation_interval", Durations.format(e.evaluationInterval()));
    m.put("global", global);
    m.put("rule_files", List.of("rules/*.yml"));
    m.put("alerting", Map.of("alertmanagers", List.of(endpoint(e.alertmanagerUrl()))));
    List<Object> scrapes = new ArrayList<>();
    Map<Object, Object> hosts = new LinkedHashMap<>();
    hosts.put("job_name", e.job());
    if (!e.staticTargets().isEmpty()) {
      hosts.put("static_configs", List.of(Map.of("targets", e.staticTargets())));
    }
    if (!e.fileSd().isEmpty()) {
      hosts.put(
          comment("Files in file_sd format; relative paths are against this file's folder."), "");
      hosts.put("file_sd_configs", List.of(Map.of("files", e.fileSd())));
    }
    if (!e.httpSd().isEmpty()) {
      hosts.put("http_sd_configs", e.httpSd().stream().map(u -> Map.of("url", u)).toList());
    }
    scrapes.add(hosts);
    scrapes.add(forecasterJob(e));
    scrapes.add(job("prometheus", e.prometheusUrl()));
    scrapes.add(job("alertmanager", e.alertmanagerUrl()));
    scrapes.add(job("alert-webhook", e.webhookUrl()));
    if (e.httpSd().stream().anyMatch(u -> u.startsWith(e.registryUrl()))) {
      scrapes.add(job("registry", e.registryUrl()));
    }
    m.put("scrape_configs", scrapes);
    if (!e.remoteWrite().isEmpty()) {
      m.put(
          comment(
              "Every sample is also sent to these stores, so the history outlives this"
                  + " Prometheus' retention."),
          "");
      m.put("remote_write", e.remoteWrite().stream().map(u -> Map.of("url", u)).toList());
    }
    return "# "
        + Header.text(spec)
        + "\n# Retention is a flag, not a setting of this file: run Prometheus with\n"
        + "#   --config.file=prometheus.yml --storage.tsdb.retention.time="
        + days(e.retention())
        + "\n"
        + YamlWriter.write(m);
  }

  /** {@code 15d} rather than {@code 2w1d}: how the Prometheus docs write retention. */
  private static String days(java.time.Duration d) {
    return d.toHours() % 24 == 0 && d.toMillis() % 3_600_000 == 0
        ? d.toDays() + "d"
        : Durations.format(d);
  }

  /** Every replica is a target of one job: their series never overlap, so none is dropped. */
  private static Map<Object, Object> forecasterJob(Endpoints e) {
    List<String> urls = e.forecasterUrls();
    Map<Object, Object> j = new LinkedHashMap<>();
    j.put("job_name", "forecaster");
    if (urls.size() > 1) {
      j.put(
          comment(
              urls.size()
                  + " replicas, in shard order: forecaster/forecaster-<i>-of-"
                  + urls.size()
                  + ".yml."),
          "");
    }
    // Only host and port differ between replicas: the first gives scheme and path for all.
    Map<Object, Object> endpoint = endpoint(urls.get(0));
    List<String> targets = urls.stream().map(StackConfigRenderer::target).toList();
    endpoint.put("static_configs", List.of(Map.of("targets", targets)));
    j.putAll(endpoint);
    // The forecaster republishes other targets' series: keep their instance and job labels.
    j.put("honor_labels", true);
    return j;
  }

  private static Map<Object, Object> job(String name, String url) {
    Map<Object, Object> j = new LinkedHashMap<>();
    j.put("job_name", name);
    j.putAll(endpoint(url));
    return j;
  }

  /** {@code scheme}, {@code path_prefix}/{@code metrics_path} and the target of a URL. */
  private static Map<Object, Object> endpoint(String url) {
    URI u = URI.create(url);
    Map<Object, Object> m = new LinkedHashMap<>();
    if (!"http".equals(u.getScheme())) {
      m.put("scheme", u.getScheme());
    }
    if (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/")) {
      m.put("path_prefix", u.getPath());
    }
    m.put("static_configs", List.of(Map.of("targets", List.of(target(url)))));
    return m;
  }

  /** {@code host:port} of a URL, the port filled in from the scheme. */
  private static String target(String url) {
    URI u = URI.create(url);
    int port = u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    return u.getHost() + ":" + port;
  }

  static String alertmanager(Spec spec) {
    String webhook = spec.endpoints().webhookUrl();
    Map<Object, Object> route = new LinkedHashMap<>();
    route.put("receiver", "default");
    // One notification per alert and severity, listing every host: when a rack or a network
    // segment goes, the on-call gets one email naming the hosts, not one email per host.
    route.put("group_by", new YamlWriter.Flow(List.of("alertname", "severity")));
    route.put("group_wait", "30s");
    route.put("group_interval", "5m");
    route.put("repeat_interval", "4h");
    List<Object> routes = new ArrayList<>();
    List<Object> receivers = new ArrayList<>(List.of(receiver("default", webhook)));
    for (ReceiverSpec r : spec.receivers()) {
      Map<String, Object> sub = new LinkedHashMap<>();
      sub.put("receiver", r.name());
      sub.put(
          "matchers",
          r.match().entrySet().stream()
              .map(e -> Matcher.eq(e.getKey(), e.getValue()).toString())
              .toList());
      routes.add(sub);
      receivers.add(receiver(r.name(), webhook));
    }
    if (!routes.isEmpty()) {
      route.put("routes", routes);
    }
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("route", route);
    m.put(
        comment(
            "A critical alert silences the warning of the same alert on the same instance and the"
                + " same filesystem, disk, interface, direction, unit or bond, where it has one."),
        "");
    Map<String, Object> inhibit = new LinkedHashMap<>();
    inhibit.put("source_matchers", List.of("severity=\"critical\""));
    inhibit.put("target_matchers", List.of("severity=\"warning\""));
    inhibit.put("equal", new YamlWriter.Flow(INHIBIT_EQUAL));
    m.put("inhibit_rules", List.of(inhibit));
    m.put(comment("Every receiver posts to the alert-webhook, which mails per notify: route."), "");
    m.put("receivers", receivers);
    return Header.yaml(spec, YamlWriter.write(m));
  }

  /**
   * What must match for a critical to silence a warning: the alert and instance, and every label
   * that tells two alerts of one name apart on a host (a warning on sdb is not sdb's critical).
   * Alertmanager counts a label both alerts lack as equal.
   */
  static final List<String> INHIBIT_EQUAL =
      List.of("alertname", "instance", "mountpoint", "device", "direction", "name", "master");

  private static Map<String, Object> receiver(String name, String webhook) {
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("url", webhook + "/alert/" + name);
    hook.put("send_resolved", true);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("webhook_configs", List.of(hook));
    return r;
  }

  static String webhook(Spec spec) {
    Endpoints e = spec.endpoints();
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(
        comment("SMTP comes from SMTP_SERVER, SMTP_PORT, EMAIL_USER, EMAIL_PASSWORD, EMAIL_FROM."),
        "");
    List<Object> routes = new ArrayList<>();
    for (ReceiverSpec r : spec.receivers()) {
      Map<String, Object> route = new LinkedHashMap<>();
      route.put("receiver", r.name());
      if (!r.match().isEmpty()) {
        route.put("match", r.match());
      }
      route.put("to", r.email());
      routes.add(route);
    }
    m.put("routes", routes);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("prometheus_url", e.prometheusUrl());
    links.put("alertmanager_url", e.alertmanagerUrl());
    links.put("grafana_url", e.grafanaUrl());
    m.put("links", links);
    m.put("time_zone", "UTC");
    return Header.yaml(spec, YamlWriter.write(m));
  }
}
