package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.receiver.Alert;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Charts for a notification: one PNG per distinct alert expression (at most three), the last hour
 * of the expression's left-hand side, limited to the series of the notification's alerts, with the
 * threshold as a line. Queries go only to the configured Prometheus ({@link RangeQueries}); the
 * payload's {@code generatorURL} only supplies the expression. Prometheus being slow, down or
 * hostile must not delay or break the email: any failure only leaves the chart out (counted).
 */
public final class ChartService {
  private static final Logger logger = Logger.getLogger(ChartService.class.getName());
  private static final int MAX_CHARTS = 3;
  private static final Duration RANGE = Duration.ofHours(1);
  private static final Duration STEP = Duration.ofSeconds(15);

  private final RangeQueries queries;
  private final ZoneId zone;
  private final Clock clock;
  private final Runnable onError;

  public ChartService(RangeQueries queries, ZoneId zone, Clock clock, Runnable onError) {
    this.queries = queries;
    this.zone = zone;
    this.clock = clock;
    this.onError = onError;
  }

  /** Charts by the alert expression they belong to (insertion order = order of the alerts). */
  public Map<String, InlineImage> charts(Notification n) {
    Map<String, List<Alert>> byExpr = new LinkedHashMap<>();
    for (Alert a : n.alerts()) {
      String expr = AlertLinks.expression(a.generatorUrl());
      if (expr != null
          && expr.length() <= ExpressionThreshold.MAX_LENGTH
          && (byExpr.containsKey(expr) || byExpr.size() < MAX_CHARTS)) {
        byExpr.computeIfAbsent(expr, k -> new ArrayList<>()).add(a);
      }
    }
    Map<String, InlineImage> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, List<Alert>> e : byExpr.entrySet()) {
      try {
        byte[] png = chart(e.getKey(), e.getValue());
        String cid = "chart-" + i++ + "@hostwatch";
        out.put(e.getKey(), new InlineImage(cid, "chart-" + i + ".png", png));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception | StackOverflowError ex) {
        onError.run();
        logger.warning("chart for \"" + abbreviate(e.getKey()) + "\" left out: " + ex);
      }
    }
    return out;
  }

  private byte[] chart(String expr, List<Alert> alerts) throws Exception {
    ExpressionThreshold t = ExpressionThreshold.parse(expr);
    Instant end = clock.instant();
    List<RangeQueries.Series> series =
        mine(queries.queryRange(t.query(), end.minus(RANGE), end, STEP), alerts);
    Double threshold = t.threshold();
    if (threshold == null && t.thresholdQuery() != null) {
      threshold =
          lastValue(
              mine(queries.queryRange(t.thresholdQuery(), end.minus(RANGE), end, STEP), alerts));
    }
    return ChartRenderer.png(title(alerts, t.query()), unit(t.query()), series, threshold, zone);
  }

  /** The series that belong to the alerts, or all of them when none does. */
  private static List<RangeQueries.Series> mine(List<RangeQueries.Series> all, List<Alert> alerts) {
    List<RangeQueries.Series> mine = new ArrayList<>();
    for (RangeQueries.Series s : all) {
      if (alerts.stream().anyMatch(a -> sameSeries(s.labels(), a.labels()))) {
        mine.add(s);
      }
    }
    return mine.isEmpty() ? all : mine;
  }

  private static Double lastValue(List<RangeQueries.Series> series) {
    for (RangeQueries.Series s : series) {
      for (int i = s.values().size() - 1; i >= 0; i--) {
        if (Double.isFinite(s.values().get(i))) {
          return s.values().get(i);
        }
      }
    }
    return null;
  }

  /** "HostHighCpu on web-1, web-2: cpu busy": what fired, where, and what is measured. */
  static String title(List<Alert> alerts, String query) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    for (Alert a : alerts) {
      names.add(a.label("alertname"));
      String host = TemplateModel.host(a);
      if (!host.isEmpty()) {
        hosts.add(host);
      }
    }
    names.remove("");
    StringBuilder title = new StringBuilder(String.join(", ", names));
    if (!hosts.isEmpty()) {
      List<String> list = new ArrayList<>(hosts);
      title.append(" on ").append(String.join(", ", list.subList(0, Math.min(2, list.size()))));
      if (list.size() > 2) {
        title.append(" (+").append(list.size() - 2).append(')');
      }
    }
    String measured = measured(query);
    if (!measured.isEmpty()) {
      title.append(title.length() == 0 ? "" : ": ").append(measured);
    }
    return abbreviate(title.toString());
  }

  /** The metric's name in words: {@code instance:node_cpu_busy:percent} → "cpu busy". */
  static String measured(String query) {
    String metric = metricName(query);
    if (metric.isEmpty()) {
      return "";
    }
    String[] parts = metric.split(":");
    String core = parts.length == 3 ? parts[1] : metric.replace(':', '_');
    core =
        core.replaceFirst("^node_", "").replaceFirst("_(total|percent|ratio|bytes|seconds)$", "");
    return core.replace('_', ' ').strip();
  }

  /** The axis unit read from the metric name's suffix, as Prometheus' naming conventions say. */
  static String unit(String query) {
    String metric = metricName(query);
    if (metric.endsWith("percent")) {
      return "%";
    }
    if (metric.endsWith("ratio")) {
      return "ratio";
    }
    if (metric.contains("bytes")) {
      return "bytes";
    }
    if (metric.contains("seconds")) {
      return "seconds";
    }
    return "";
  }

  /** The first metric name in the query, skipping function names. */
  private static String metricName(String query) {
    int i = 0;
    int n = Math.min(query.length(), ExpressionThreshold.MAX_LENGTH);
    while (i < n) {
      char c = query.charAt(i);
      if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(query.charAt(i))
                || query.charAt(i) == '_'
                || query.charAt(i) == ':')) {
          i++;
        }
        boolean function = i < n && query.charAt(i) == '(';
        String word = query.substring(start, i);
        if (!function && !KEYWORDS.contains(word)) {
          return word;
        }
      } else if (c == '{' || c == '"') {
        return "";
      } else {
        i++;
      }
    }
    return "";
  }

  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");

  /** A series belongs to an alert when every label they share has the same value. */
  static boolean sameSeries(Map<String, String> series, Map<String, String> alert) {
    for (Map.Entry<String, String> e : series.entrySet()) {
      String v = alert.get(e.getKey());
      if (v != null && !v.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
