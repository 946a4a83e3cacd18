package io.hostwatch.rulesgen.rules;

import static io.hostwatch.rulesgen.rules.Promql.filesystem;
import static io.hostwatch.rulesgen.rules.Promql.hosts;
import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.LevelSpec;
import io.hostwatch.rulesgen.spec.Spec.OverrideSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule rules-gen generates, as data: the rule files and the promtool tests are both rendered
 * from it, so a test always exercises the expression that ships.
 *
 * <p>Overrides are published as threshold series, one per instance and severity, built with {@code
 * or}: the first override that matches an instance yields its value, and {@code or} drops the later
 * candidates (overrides, then the default) for that instance, which is an implicit {@code unless
 * on(instance)}. The alert compares each host's percentage with its own threshold through {@code >
 * on(instance) group_left()}, so an override can only ever change the targets it matches.
 */
public final class RulesCatalog {
  public static final String RECORDING_GROUP = "hostwatch-recording";
  public static final String THRESHOLD_GROUP = "hostwatch-thresholds";
  public static final String ALERT_GROUP = "hostwatch-alerts";
  public static final String DISK_FILL_ALERT = "HostDiskWillFill";
  public static final String HOST_DOWN_ALERT = "HostDown";
  public static final String ANOMALY_ALERT = "HostAnomaly";
  public static final String ANOMALY_FLAG = "hostwatch_forecast_anomaly";
  public static final String ANOMALY_WARMING_UP = "hostwatch_forecast_anomaly_warming_up";
  public static final String TIME_TO_FULL = "hostwatch_forecast_time_to_threshold_seconds";
  public static final String DISK_FORECAST = "disk_avail";
  static final String FS_JOIN = "on(instance, device, mountpoint)";

  private RulesCatalog() {}

  static Rule.Group recording(Spec spec) {
    var sel = spec.selector();
    return new Rule.Group(
        RECORDING_GROUP,
        List.of(
            Rule.record(
                Kind.CPU.recordedSeries(),
                // idle over all modes, not 1 - rate(idle): rate() under-reads a window that is
                // not full yet (after a restart), and a ratio of two rates cancels that out.
                "100 * (1 - sum without (cpu, mode) (rate("
                    + series("node_cpu_seconds_total", sel, Matcher.eq("mode", "idle"))
                    + "[5m])) / sum without (cpu, mode) (rate("
                    + series("node_cpu_seconds_total", sel)
                    + "[5m])))",
                Map.of()),
            Rule.record(
                Kind.MEMORY.recordedSeries(),
                "100 * (1 - "
                    + series("node_memory_MemAvailable_bytes", sel)
                    + " / "
                    + series("node_memory_MemTotal_bytes", sel)
                    + ")",
                Map.of()),
            Rule.record(
                Kind.DISK.recordedSeries(),
                "100 * (1 - "
                    + filesystem(spec, "node_filesystem_avail_bytes")
                    + " / "
                    + filesystem(spec, "node_filesystem_size_bytes")
                    + ")",
                Map.of())));
  }

  static Rule.Group thresholds(Spec spec) {
    List<Rule> rules = new ArrayList<>();
    for (LevelSpec level : spec.levels().values()) {
      for (Severity s : level.levels().keySet()) {
        rules.add(
            Rule.record(
                level.kind().thresholdSeries(),
                thresholdExpr(spec, level, s),
                Map.of("severity", s.label())));
      }
    }
    rules.addAll(CheckRules.thresholds(spec));
    return new Rule.Group(THRESHOLD_GROUP, rules);
  }

  /** The first matching override wins: {@code or} keeps the left side's instances. */
  private static String thresholdExpr(Spec spec, LevelSpec level, Severity s) {
    List<String> parts = new ArrayList<>();
    for (OverrideSpec o : spec.overrides()) {
      Double v = o.levels().getOrDefault(level.kind(), Map.of()).get(s);
      if (v != null) {
        Matcher[] extra =
            o.match().entrySet().stream()
                .map(e -> Matcher.eq(e.getKey(), e.getValue()))
                .toArray(Matcher[]::new);
        parts.add(perInstance(hosts(spec, extra), v));
      }
    }
    parts.add(perInstance(hosts(spec), level.levels().get(s)));
    return String.join("\nor\n", parts) + (parts.size() > 1 ? "\n" : "");
  }

  private static String perInstance(String up, double value) {
    return "group by (instance) (" + up + ") * 0 + " + YamlWriter.number(value);
  }

  public static Rule.Group alerts(Spec spec) {
    List<Rule> rules = new ArrayList<>();
    spec.hostDown().ifPresent(h -> rules.add(hostDown(spec, h)));
    for (LevelSpec level : spec.levels().values()) {
      for (Severity s : level.levels().keySet()) {
        rules.add(levelAlert(spec, level, s));
      }
    }
    spec.diskFill().ifPresent(d -> rules.add(diskFill(spec, d)));
    spec.anomaly().ifPresent(a -> rules.add(anomaly(spec, a)));
    rules.addAll(CheckRules.alerts(spec));
    return new Rule.Group(ALERT_GROUP, rules);
  }

  /** The forecaster's flag for the named forecasts; nothing is scored while it warms up. */
  private static Rule anomaly(Spec spec, Spec.AnomalySpec a) {
    List<String> names = a.forecasts().stream().map(Kind::forecastName).toList();
    String forecasts =
        names.size() == 1
            ? "forecast=\"" + names.get(0) + "\""
            : "forecast=~\"" + String.join("|", names) + "\"";
    String expr =
        String.join(
            "\n",
            ANOMALY_FLAG + "{" + forecasts + "} == 1",
            "unless",
            ANOMALY_WARMING_UP + " == 1",
            "");
    String what = "{{ $labels.forecast }} on {{ $labels.instance }}";
    return alert(
        spec,
        ANOMALY_ALERT,
        expr,
        a.forDuration(),
        a.keepFiringFor(),
        a.severity(),
        "Unusual " + what,
        "The forecaster has flagged "
            + what
            + " as anomalous for more than "
            + Durations.format(a.forDuration())
            + ": recent samples lie further from their forecast than almost every error of the"
            + " last day. It is not a threshold breach; look at the series next to its forecast"
            + " band (Hostwatch forecast dashboard) and at what changed on the host.");
  }

  private static Rule hostDown(Spec spec, Spec.HostDownSpec h) {
    return alert(
        spec,
        HOST_DOWN_ALERT,
        hosts(spec) + " == 0",
        h.forDuration(),
        h.keepFiringFor(),
        h.severity(),
        "Host {{ $labels.instance }} is down",
        "Prometheus could not scrape {{ $labels.instance }} (job {{ $labels.job }}) for more than "
            + Durations.format(h.forDuration())
            + ": up = {{ $value }}.");
  }

  private static Rule levelAlert(Spec spec, LevelSpec level, Severity s) {
    Kind k = level.kind();
    String expr =
        series(k.recordedSeries(), spec.selector())
            + "\n  > on(instance) group_left()\n"
            + series(k.thresholdSeries(), List.of(Matcher.eq("severity", s.label())));
    String where = "{{ $labels.instance }}";
    if (k == Kind.DISK) {
      expr =
          "(\n  "
              + expr.replace("\n", "\n  ")
              + "\n)\nunless "
              + FS_JOIN
              + "\n"
              + filesystem(spec, "node_filesystem_readonly")
              + " == 1";
      where = "{{ $labels.mountpoint }} on {{ $labels.instance }}";
    }
    return alert(
        spec,
        k.alertName(),
        expr + "\n",
        level.forDuration(),
        level.keepFiringFor(),
        s,
        k.what() + " {{ $value | humanize }}% on " + where,
        k.what()
            + " is {{ $value | humanize }}% on "
            + where
            + ", above its "
            + s.label()
            + " level ("
            + k.thresholdSeries()
            + ") for more than "
            + Durations.format(level.forDuration())
            + ".");
  }

  private static Rule diskFill(Spec spec, Spec.DiskFillSpec d) {
    String within = Promql.seconds(d.within());
    String readWrite = FS_JOIN + " (" + filesystem(spec, "node_filesystem_readonly") + " == 0)";
    String avail = filesystem(spec, "node_filesystem_avail_bytes");
    String forecast = TIME_TO_FULL + "{forecast=\"" + DISK_FORECAST + "\"}";
    String expr =
        String.join(
            "\n",
            "# The forecaster's robust time until full, where it covers the host.",
            "(",
            "  min without (forecast) (" + forecast + ") < " + within,
            "  and " + readWrite,
            ")",
            "or",
            "# Elsewhere a linear fit, guarded: filling, above the floor, writable.",
            "(",
            "  (" + avail + " / (-deriv(" + avail + "[" + Durations.format(d.lookback()) + "])))",
            "    >= 0 < " + within,
            "  and "
                + FS_JOIN
                + " ("
                + series(Kind.DISK.recordedSeries(), spec.selector())
                + " > "
                + YamlWriter.number(d.floor())
                + ")",
            "  and " + readWrite,
            "  unless on(instance) " + forecast,
            ")",
            "");
    return alert(
        spec,
        DISK_FILL_ALERT,
        expr,
        d.forDuration(),
        d.keepFiringFor(),
        d.severity(),
        "{{ $labels.mountpoint }} on {{ $labels.instance }} predicted full within "
            + Durations.format(d.within()),
        "Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.instance }}"
            + " is predicted to be full in {{ $value | humanizeDuration }}.");
  }

  private static Rule alert(
      Spec spec,
      String name,
      String expr,
      java.time.Duration forDuration,
      java.time.Duration keepFiringFor,
      Severity s,
      String summary,
      String description) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    annotations.put("runbook_url", spec.endpoints().runbookBaseUrl() + "/" + name);
    return new Rule(
        true, name, expr, forDuration, keepFiringFor, Map.of("severity", s.label()), annotations);
  }
}
