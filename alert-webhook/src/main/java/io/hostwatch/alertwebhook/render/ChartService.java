package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Alert;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Charts for a notification: one PNG per distinct alert expression (at most three), the last hour
 * of the expression's left-hand side from Prometheus' query_range, limited to the series of the
 * notification's alerts, with the threshold line. Prometheus being slow or down must not delay the
 * email: each query has a short timeout, and a failure only leaves the chart out (counted).
 */
public final class ChartService {
  private static final Logger logger = Logger.getLogger(ChartService.class.getName());
  private static final int MAX_CHARTS = 3;
  private static final Duration RANGE = Duration.ofHours(1);
  private static final Duration STEP = Duration.ofSeconds(15);

  private final PrometheusClient client;
  private final Links links;
  private final ZoneId zone;
  private final Clock clock;
  private final Runnable onError;

  public ChartService(
      PrometheusClient client, Links links, ZoneId zone, Clock clock, Runnable onError) {
    this.client = client;
    this.links = links;
    this.zone = zone;
    this.clock = clock;
    this.onError = onError;
  }

  /** Charts by the alert expression they belong to (insertion order = order of the alerts). */
  public Map<String, InlineImage> charts(Notification n) {
    Map<String, List<Alert>> byExpr = new LinkedHashMap<>();
    for (Alert a : n.alerts()) {
      String expr = AlertLinks.expression(a.generatorUrl());
      if (expr != null && (byExpr.containsKey(expr) || byExpr.size() < MAX_CHARTS)) {
        byExpr.computeIfAbsent(expr, k -> new ArrayList<>()).add(a);
      }
    }
    Map<String, InlineImage> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, List<Alert>> e : byExpr.entrySet()) {
      String base = AlertLinks.prometheusBase(links, e.getValue().get(0).generatorUrl());
      if (base == null) {
        continue;
      }
      try {
        byte[] png = chart(base, e.getKey(), e.getValue());
        String cid = "chart-" + i++ + "@hostwatch";
        out.put(e.getKey(), new InlineImage(cid, "chart-" + i + ".png", png));
      } catch (Exception ex) {
        if (ex instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          break;
        }
        onError.run();
        logger.warning("chart for \"" + e.getKey() + "\" left out: " + ex);
      }
    }
    return out;
  }

  private byte[] chart(String base, String expr, List<Alert> alerts) throws Exception {
    ExpressionThreshold t = ExpressionThreshold.parse(expr);
    Instant end = clock.instant();
    List<PrometheusClient.Series> series =
        client.queryRange(base, t.query(), end.minus(RANGE), end, STEP);
    List<PrometheusClient.Series> mine = new ArrayList<>();
    for (PrometheusClient.Series s : series) {
      if (alerts.stream().anyMatch(a -> sameSeries(s.labels(), a.labels()))) {
        mine.add(s);
      }
    }
    return ChartRenderer.png(t.query(), mine.isEmpty() ? series : mine, t.threshold(), zone);
  }

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
}
