package io.hostwatch.rulesgen.stack;

import static io.hostwatch.rulesgen.yaml.YamlWriter.comment;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Promql;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.LevelSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.Header;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The forecaster's configuration: free disk (with {@code thresholds.disk_fill}), CPU busy and
 * memory used per host (always: the forecasts users look for first), and the anomaly forecasts.
 * With {@code forecaster.shards: n} one file per replica, {@code
 * forecaster/forecaster-<i>-of-<n>.yml}, each with its {@code shard: i/n}; otherwise {@code
 * forecaster/forecaster.yml}.
 */
public final class ForecasterConfigRenderer {
  public static final List<Kind> PERCENT_FORECASTS = List.of(Kind.CPU, Kind.MEMORY);

  private ForecasterConfigRenderer() {}

  static Map<String, String> render(Spec spec) {
    int n = spec.endpoints().forecasterShards();
    Map<String, String> out = new LinkedHashMap<>();
    if (n == 1) {
      out.put("forecaster/forecaster.yml", file(spec, Optional.empty()));
      return out;
    }
    for (int i = 0; i < n; i++) {
      out.put(fileName(i, n), file(spec, Optional.of(i)));
    }
    return out;
  }

  /** {@code forecaster/forecaster-1-of-3.yml}: replica 1 of 3. */
  static String fileName(int shard, int shards) {
    return "forecaster/forecaster-" + shard + "-of-" + shards + ".yml";
  }

  private static String file(Spec spec, Optional<Integer> shard) {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("prometheus", Map.of("url", spec.endpoints().prometheusUrl()));
    m.put("interval", "5m");
    shard.ifPresent(
        i -> {
          int n = spec.endpoints().forecasterShards();
          m.put(
              comment(
                  "Replica "
                      + i
                      + " of "
                      + n
                      + ": the hosts whose instance hashes to "
                      + i
                      + ". Prometheus scrapes it at "
                      + spec.endpoints().forecasterUrls().get(i)
                      + "."),
              "");
          m.put("shard", i + "/" + n);
        });
    m.put("forecasts", forecasts(spec));
    return Header.yaml(spec, YamlWriter.write(m));
  }

  private static List<Object> forecasts(Spec spec) {
    List<Object> forecasts = new ArrayList<>();
    spec.diskFill().ifPresent(d -> forecasts.add(diskForecast(spec, d)));
    List<Kind> watched = spec.anomaly().map(Spec.AnomalySpec::forecasts).orElse(List.of());
    for (Kind k : PERCENT_FORECASTS) {
      forecasts.add(percentForecast(spec, k, watched.contains(k)));
    }
    for (Kind k : watched) {
      if (!PERCENT_FORECASTS.contains(k)) {
        forecasts.add(anomalyForecast(spec, k));
      }
    }
    return forecasts;
  }

  /**
   * CPU busy or memory used per host, from the recorded series: one series per host over a week is
   * a far cheaper query than the raw per-core counters, and it is the value the alerts and the
   * System Overview show. The threshold is the file's warning level (else critical), so the
   * forecaster publishes the time until a host reaches it.
   */
  private static Map<Object, Object> percentForecast(Spec spec, Kind k, boolean watched) {
    Map<Object, Object> f = new LinkedHashMap<>();
    f.put("name", k.forecastName());
    f.put("query", Promql.series(k.recordedSeries(), spec.selector()));
    if (watched) {
      f.put(anomalyComment(), "");
    }
    // A week holds seven daily seasons for the seasonal models; written 7d rather than Durations'
    // 1w, as the forecaster's own documentation writes it.
    f.put("lookback", watched ? Durations.format(spec.anomaly().orElseThrow().lookback()) : "7d");
    f.put("step", "5m");
    f.put("horizons", new YamlWriter.Flow(List.of("1h", "6h")));
    LevelSpec level = spec.levels().get(k);
    if (level != null) {
      Severity s =
          level.levels().containsKey(Severity.WARNING) ? Severity.WARNING : Severity.CRITICAL;
      f.put(
          comment(
              "The time until thresholds."
                  + k.key()
                  + "."
                  + s.label()
                  + " is published (the file's level; overrides do not apply)."),
          "");
      f.put("threshold", level.levels().get(s));
    }
    return f;
  }

  private static YamlWriter.Comment anomalyComment() {
    return comment(
        "HostAnomaly reads hostwatch_forecast_anomaly of this; the score needs 150 steps of"
            + " history.");
  }

  private static Map<Object, Object> anomalyForecast(Spec spec, Kind k) {
    Map<Object, Object> f = new LinkedHashMap<>();
    f.put("name", k.forecastName());
    f.put("query", Promql.series(k.recordedSeries(), spec.selector()));
    f.put(anomalyComment(), "");
    f.put("lookback", Durations.format(spec.anomaly().orElseThrow().lookback()));
    f.put("step", "5m");
    f.put("horizons", new YamlWriter.Flow(List.of("1h")));
    return f;
  }

  private static Map<Object, Object> diskForecast(Spec spec, Spec.DiskFillSpec d) {
    Map<Object, Object> f = new LinkedHashMap<>();
    f.put("name", RulesCatalog.DISK_FORECAST);
    f.put("query", Promql.filesystem(spec, "node_filesystem_avail_bytes"));
    f.put("lookback", Durations.format(d.lookback()));
    f.put("step", "5m");
    TreeSet<Duration> horizons = new TreeSet<>(List.of(Duration.ofHours(1), d.within()));
    f.put("horizons", new YamlWriter.Flow(horizons.stream().map(Durations::format).toList()));
    f.put(
        comment("HostDiskWillFill reads hostwatch_forecast_time_to_threshold_seconds of this."),
        "");
    f.put("threshold", 0);
    return f;
  }
}
