package io.hostwatch.rulesgen.dashboards;

import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.rulesgen.dashboards.DashboardRenderer.Dashboard;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generated dashboards, as panels of PromQL. */
public final class Dashboards {
  static final Matcher INSTANCE = new Matcher("instance", "=~", "$instance");
  private static final String RATE = "[$__rate_interval]";

  private Dashboards() {}

  static List<Dashboard> all(Spec spec) {
    List<Dashboard> all = new ArrayList<>();
    all.add(system(spec));
    if (!spec.checks().isEmpty()) {
      all.add(NodeChecksDashboard.nodeChecks(spec));
    }
    all.addAll(List.of(application(), alerts(spec), ForecastDashboard.forecast(spec)));
    return all;
  }

  static String hostQuery(Spec spec) {
    return "label_values(" + series("up", spec.selector()) + ", instance)";
  }

  static String host(Spec spec, String metric, Matcher... extra) {
    List<Matcher> m = new ArrayList<>(spec.selector());
    m.add(INSTANCE);
    return series(metric, m, extra);
  }

  static Dashboard system(Spec spec) {
    List<Panel> p = new ArrayList<>();
    p.add(Panel.stat("Hosts up").size(6, 4).instant("sum(" + host(spec, "up") + ")", "up"));
    p.add(
        Panel.stat("Hosts down")
            .size(6, 4)
            .instant("count(" + host(spec, "up") + " == 0) or vector(0)", "down"));
    p.add(
        Panel.stat("Uptime")
            .size(12, 4)
            .unit("s")
            .instant("time() - " + host(spec, "node_boot_time_seconds"), "{{instance}}"));
    p.add(
        Panel.stateTimeline("Server up/down")
            .size(24, 5)
            .upDown()
            .query(host(spec, "up"), "{{instance}}"));
    for (Kind k : Kind.values()) {
      p.add(percentPanel(spec, k));
    }
    Matcher nic = new Matcher("device", "!~", "lo|veth.*|docker.*|br-.*|virbr.*");
    p.add(
        Panel.timeseries("Network I/O")
            .unit("Bps")
            .describe("Received above the axis, transmitted below.")
            .query(
                "sum by (instance) (rate("
                    + host(spec, "node_network_receive_bytes_total", nic)
                    + RATE
                    + "))",
                "{{instance}} in")
            .query(
                "-sum by (instance) (rate("
                    + host(spec, "node_network_transmit_bytes_total", nic)
                    + RATE
                    + "))",
                "{{instance}} out"));
    return new Dashboard(
        "hostwatch-system-overview", "Hostwatch / System Overview", hostQuery(spec), p);
  }

  /** The recorded percentage, the levels from the file as lines, per-host levels dashed. */
  private static Panel percentPanel(Spec spec, Kind k) {
    String legend = k == Kind.DISK ? "{{instance}} {{mountpoint}}" : "{{instance}}";
    Panel panel =
        Panel.timeseries(k.what() + " %")
            .unit("percent")
            .range(0, 100)
            .query(host(spec, k.recordedSeries()), legend);
    var level = spec.levels().get(k);
    if (level != null) {
      panel
          .levelLines(levelColours(spec, k))
          .describe(
              "Lines: the levels of "
                  + spec.source()
                  + "; dashed: each host's own level, overrides applied.")
          .query(series(k.thresholdSeries(), List.of(INSTANCE)), "{{instance}} {{severity}} level")
          .dashed("B");
    }
    return panel;
  }

  /** The file's levels of {@code k} by colour: orange warning, red critical; empty if none. */
  static Map<String, Double> levelColours(Spec spec, Kind k) {
    Map<String, Double> lines = new LinkedHashMap<>();
    var level = spec.levels().get(k);
    if (level != null && level.levels().containsKey(Severity.WARNING)) {
      lines.put("orange", level.levels().get(Severity.WARNING));
    }
    if (level != null && level.levels().containsKey(Severity.CRITICAL)) {
      lines.put("red", level.levels().get(Severity.CRITICAL));
    }
    return lines;
  }

  static Dashboard application() {
    List<Panel> p = new ArrayList<>();
    Matcher i = INSTANCE;
    String reqs = "rate(" + series("http_requests_total", List.of(i)) + RATE + ")";
    p.add(
        Panel.timeseries("Request rate")
            .unit("reqps")
            .query("sum by (instance) (" + reqs + ")", "{{instance}}"));
    Panel latency = Panel.timeseries("Latency quantiles").unit("s");
    for (String q : List.of("0.5", "0.9", "0.99")) {
      latency.query(
          "histogram_quantile("
              + q
              + ", sum by (le, instance) (rate("
              + series("http_request_duration_seconds_bucket", List.of(i))
              + RATE
              + ")))",
          "{{instance}} p" + q.substring(2));
    }
    p.add(latency);
    p.add(
        Panel.timeseries("Error ratio")
            .unit("percentunit")
            .describe("Share of requests answered with a 5xx code.")
            .query(
                "sum by (instance) (rate("
                    + series("http_requests_total", List.of(i, new Matcher("code", "=~", "5..")))
                    + RATE
                    + ")) / sum by (instance) ("
                    + reqs
                    + ")",
                "{{instance}}"));
    String hits = "sum by (instance) (rate(" + series("cache_hits_total", List.of(i)) + RATE + "))";
    String misses =
        "sum by (instance) (rate(" + series("cache_misses_total", List.of(i)) + RATE + "))";
    p.add(
        Panel.timeseries("Cache hit ratio")
            .unit("percentunit")
            .range(0, 1)
            .query(hits + " / (" + hits + " + " + misses + ")", "{{instance}}"));
    return new Dashboard(
        "hostwatch-application-performance",
        "Hostwatch / Application Performance",
        "label_values(http_requests_total, instance)",
        p);
  }

  static Dashboard alerts(Spec spec) {
    List<Panel> p = new ArrayList<>();
    p.add(
        Panel.stat("Firing")
            .size(6, 4)
            .instant(
                "count(ALERTS{alertstate=\"firing\",instance=~\"$instance\"}) or vector(0)",
                "firing"));
    p.add(
        Panel.stat("Pending")
            .size(6, 4)
            .instant(
                "count(ALERTS{alertstate=\"pending\",instance=~\"$instance\"}) or vector(0)",
                "pending"));
    p.add(
        Panel.stat("Rule evaluation failures (1h)")
            .size(12, 4)
            .instant("sum(increase(prometheus_rule_evaluation_failures_total[1h]))", "failures"));
    p.add(
        Panel.table("Firing and pending alerts")
            .size(24, 8)
            .instant("ALERTS{instance=~\"$instance\"}", ""));
    p.add(
        Panel.table("Every alert: how many fire")
            .size(24, 10)
            .describe(
                "Each alert "
                    + spec.source()
                    + " generates, at each severity, with the number of its instances firing"
                    + " now (0: quiet).")
            .instant(everyAlert(spec), ""));
    p.add(
        Panel.timeseries("Alert history")
            .query(
                "sum by (alertname, severity) (ALERTS{alertstate=\"firing\",instance=~\"$instance\"})",
                "{{alertname}} {{severity}}"));
    p.add(
        Panel.timeseries("Rule evaluation failures")
            .query(
                "sum by (rule_group) (rate(prometheus_rule_evaluation_failures_total" + RATE + "))",
                "{{rule_group}}")
            .query(
                "max by (rule_group) (prometheus_rule_group_last_duration_seconds)",
                "{{rule_group}} last duration"));
    return new Dashboard(
        "hostwatch-alert-overview", "Hostwatch / Alert Overview", hostQuery(spec), p);
  }

  /**
   * The firing count per generated alert and severity, and 0 for each one that is quiet: ALERTS
   * only holds the active ones, so the quiet ones are listed as constants.
   */
  static String everyAlert(Spec spec) {
    StringBuilder q =
        new StringBuilder(
            "sum by (alertname, severity) (ALERTS{alertstate=\"firing\",instance=~\"$instance\"})");
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (Rule r : RulesCatalog.alerts(spec).rules()) {
      if (r.alert() && seen.add(r.name() + "/" + r.severity())) {
        q.append("\nor\nlabel_replace(label_replace(vector(0), \"alertname\", \"")
            .append(r.name())
            .append("\", \"\", \"\"), \"severity\", \"")
            .append(r.severity())
            .append("\", \"\", \"\")");
      }
    }
    return q.toString();
  }
}
