package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Alert;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What templates see: plain maps, lists, strings and numbers built from a notification, so that a
 * template author needs no Java. Every key is listed in the README.
 */
public final class TemplateModel {
  private static final int SUBJECT_NAMES = 2;

  /**
   * Alerts rendered in full; the rest of a large group are rows of a compact table. An alert storm
   * of thousands is exactly when an email must still arrive, and be readable.
   */
  static final int DETAILED_ALERTS = 50;

  /** Rows of the compact table at most; beyond them the email only states how many more. */
  static final int LISTED_ALERTS = 5000;

  private static final int SUMMARY_CHARS = 200;

  private TemplateModel() {}

  /**
   * @param chartCids content ids of the charts by PromQL expression (those that could be drawn)
   */
  public static Map<String, Object> of(
      Notification n,
      String receiverPath,
      Links links,
      ZoneId zone,
      Instant now,
      Map<String, String> chartCids) {
    String alertmanager =
        links.alertmanagerUrl() != null
            ? links.alertmanagerUrl()
            : AlertLinks.webUrlOrNull(n.externalUrl());
    DateTimeFormatter fmt =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT).withZone(zone);
    List<Map<String, Object>> alerts = new ArrayList<>();
    List<Map<String, Object>> others = new ArrayList<>();
    for (Alert a : n.alerts()) {
      if (alerts.size() < DETAILED_ALERTS) {
        alerts.add(alert(a, links, alertmanager, fmt, now, chartCids));
      } else if (others.size() < LISTED_ALERTS) {
        others.add(row(a, fmt));
      } else {
        break;
      }
    }
    long total = n.alerts().size() + (long) n.truncatedAlerts();
    Map<String, Object> m = new HashMap<>();
    m.put("status", n.status());
    m.put("status_upper", n.status().toUpperCase(Locale.ROOT));
    m.put("resolved", n.resolved());
    m.put("alertname", alertname(n));
    m.put("receiver", receiverPath.isEmpty() ? n.receiver() : receiverPath);
    m.put("group_key", n.groupKey());
    m.put("group_labels", n.groupLabels());
    m.put("common_labels", n.commonLabels());
    m.put("common_annotations", n.commonAnnotations());
    m.put("external_url", AlertLinks.webUrlOrNull(n.externalUrl()));
    m.put("alertmanager_url", alertmanager);
    m.put("alerts", alerts);
    m.put("firing_count", n.firingCount());
    m.put("resolved_count", n.resolvedCount());
    m.put("other_alerts", others);
    m.put("not_shown_count", total - alerts.size() - others.size());
    m.put("truncated_alerts", n.truncatedAlerts());
    m.put("firing_total", n.firingCount() + n.truncatedAlerts());
    m.put("total_count", total);
    m.put("host_count", hostCount(n));
    m.put("subject_names", subjectNames(n));
    m.put("color", color(n.resolved(), n.commonLabels().getOrDefault("severity", "")));
    m.put("time_zone", zone.getId());
    m.put("now", fmt.format(now));
    List<Map<String, String>> charts = new ArrayList<>();
    chartCids.forEach(
        (expr, cid) -> {
          List<Alert> charted =
              n.alerts().stream()
                  .filter(a -> expr.equals(AlertLinks.expression(a.generatorUrl())))
                  .toList();
          String title = ChartService.title(charted, ExpressionThreshold.parse(expr).query());
          charts.add(Map.of("expr", expr, "cid", cid, "title", title));
        });
    m.put("charts", charts);
    return m;
  }

  /** Distinct hosts among the notification's alerts: what a storm email leads with. */
  static int hostCount(Notification n) {
    Set<String> hosts = new HashSet<>();
    for (Alert a : n.alerts()) {
      String host = host(a);
      if (!host.isEmpty()) {
        hosts.add(host);
      }
    }
    return hosts.size();
  }

  private static Map<String, Object> alert(
      Alert a,
      Links links,
      String alertmanager,
      DateTimeFormatter fmt,
      Instant now,
      Map<String, String> chartCids) {
    Map<String, Object> m = row(a, fmt);
    m.put("color", color(a.resolved(), a.label("severity")));
    Map<String, String> labels = new LinkedHashMap<>(a.labels());
    m.put("labels", labels);
    m.put("annotations", a.annotations());
    m.put("summary", a.annotation("summary"));
    m.put("description", a.annotation("description"));
    m.put("value", a.annotation("value"));
    m.put("ends_at", format(fmt, a.endsAt()));
    Instant end = a.resolved() && a.endsAt() != null ? a.endsAt() : now;
    m.put("duration", a.startsAt() == null ? "" : duration(Duration.between(a.startsAt(), end)));
    m.put("fingerprint", a.fingerprint());
    m.put("graph_url", AlertLinks.graphUrl(links, a.generatorUrl()));
    m.put("silence_url", a.resolved() ? null : AlertLinks.silenceUrl(alertmanager, a));
    m.put("grafana_url", AlertLinks.grafanaUrl(links, a));
    m.put("runbook_url", AlertLinks.runbookUrl(a));
    String expr = AlertLinks.expression(a.generatorUrl());
    m.put("expr", expr);
    m.put("chart_cid", expr == null ? null : chartCids.get(expr));
    return m;
  }

  /**
   * One row of the compact table: enough to see what and where, nothing to click. A full alert
   * section starts from it.
   */
  private static Map<String, Object> row(Alert a, DateTimeFormatter fmt) {
    Map<String, Object> m = new HashMap<>();
    m.put("status", a.status());
    m.put("resolved", a.resolved());
    m.put("name", a.label("alertname"));
    m.put("host", host(a));
    m.put("severity", a.label("severity"));
    String summary = a.annotation("summary");
    m.put(
        "summary",
        summary.length() <= SUMMARY_CHARS ? summary : summary.substring(0, SUMMARY_CHARS) + "…");
    m.put("starts_at", format(fmt, a.startsAt()));
    return m;
  }

  /** "" for no time; the payload check bounds times, so failing here would be a bug, not input. */
  private static String format(DateTimeFormatter fmt, Instant t) {
    if (t == null) {
      return "";
    }
    try {
      return fmt.format(t);
    } catch (java.time.DateTimeException e) {
      return t.toString();
    }
  }

  static String alertname(Notification n) {
    String name = n.groupLabels().get("alertname");
    if (name == null) {
      name = n.commonLabels().get("alertname");
    }
    if (name == null) {
      Set<String> names = new LinkedHashSet<>();
      n.alerts().forEach(a -> names.add(a.label("alertname")));
      name = String.join(", ", names);
    }
    return name;
  }

  /** "web-1, web-2 (+1)": the first hosts of the notification's alerts, and how many more. */
  static String subjectNames(Notification n) {
    Set<String> hosts = new LinkedHashSet<>();
    boolean onlyFiring = !n.resolved();
    for (Alert a : n.alerts()) {
      if (!onlyFiring || !a.resolved()) {
        String h = host(a);
        if (!h.isEmpty()) {
          hosts.add(h);
        }
      }
    }
    List<String> list = new ArrayList<>(hosts);
    long more = Math.max(0, list.size() - SUBJECT_NAMES) + (long) n.truncatedAlerts();
    String shown = String.join(", ", list.subList(0, Math.min(SUBJECT_NAMES, list.size())));
    return more > 0 ? (shown + " (+" + more + ")").strip() : shown;
  }

  /** The host an alert is about: instance without its port, else host or nodename. */
  static String host(Alert a) {
    String instance = a.label("instance");
    if (!instance.isEmpty()) {
      return instance.replaceFirst(":\\d+$", "");
    }
    return !a.label("host").isEmpty() ? a.label("host") : a.label("nodename");
  }

  static String color(boolean resolved, String severity) {
    if (resolved) {
      return "#2e7d32";
    }
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "critical", "page", "error" -> "#c62828";
      case "warning", "warn" -> "#ef6c00";
      case "info", "none" -> "#1565c0";
      default -> "#6a1b9a";
    };
  }

  /** "3d 4h", "1h 5m", "42s": two units are enough to read at a glance. */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86400;
    long hours = s % 86400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + seconds + "s";
    }
    return seconds + "s";
  }
}
