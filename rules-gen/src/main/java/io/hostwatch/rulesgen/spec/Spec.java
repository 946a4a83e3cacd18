package io.hostwatch.rulesgen.spec;

import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threshold file after validation, with every default filled in: what the renderers read.
 *
 * @param source the file name (no folder) for "generated from" headers
 * @param selector the matchers that pick the host targets, possibly empty
 * @param levels the percentage alerts present in the file, in {@link Kind} order
 * @param overrides in file order; for each level the first matching override wins
 */
public record Spec(
    String source,
    List<Matcher> selector,
    Map<Kind, LevelSpec> levels,
    List<OverrideSpec> overrides,
    Optional<HostDownSpec> hostDown,
    Optional<DiskFillSpec> diskFill,
    Optional<AnomalySpec> anomaly,
    List<ReceiverSpec> receivers,
    Endpoints endpoints,
    Map<Family, CheckSpec> checks) {

  /**
   * A node-mixin family that is enabled, defaults filled in.
   *
   * @param levels empty for a family without levels
   * @param severity the severity of a family without levels
   * @param within per level, for {@code inodes_fill} only: how soon the inodes must run out
   * @param lookback for {@code inodes_fill} only: the window of the linear fit
   */
  public record CheckSpec(
      Family family,
      Map<Severity, Double> levels,
      Duration forDuration,
      Duration keepFiringFor,
      Severity severity,
      Map<Severity, Duration> within,
      Duration lookback) {}

  /** One percentage alert: its levels (at least one), {@code for} and {@code keep_firing_for}. */
  public record LevelSpec(
      Kind kind, Map<Severity, Double> levels, Duration forDuration, Duration keepFiringFor) {}

  /** Levels for the targets whose labels equal all of {@code match}. */
  public record OverrideSpec(
      Map<String, String> match,
      Map<Kind, Map<Severity, Double>> levels,
      Map<Family, Map<Severity, Double>> checkLevels) {
    /** Whether a target with these labels is matched. */
    public boolean matches(Map<String, String> targetLabels) {
      return match.entrySet().stream()
          .allMatch(e -> e.getValue().equals(targetLabels.getOrDefault(e.getKey(), "")));
    }
  }

  public record HostDownSpec(Duration forDuration, Duration keepFiringFor, Severity severity) {}

  /**
   * @param floor percent used below which the {@code predict_linear} fallback stays quiet
   */
  public record DiskFillSpec(
      Duration within,
      Duration lookback,
      double floor,
      Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  /**
   * @param forecasts the recorded series the forecaster scores, in file order, without repeats
   * @param lookback the history of each of their forecasts
   */
  public record AnomalySpec(
      List<Kind> forecasts,
      Duration lookback,
      Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  /** An Alertmanager receiver and the mail addresses the alert-webhook sends its alerts to. */
  public record ReceiverSpec(String name, Map<String, String> match, List<String> email) {}

  /**
   * Where the parts of the stack listen and where the hosts are.
   *
   * @param forecasterUrls one per forecaster replica, in shard order; a single one means no shards
   * @param remoteWrite the stores Prometheus also writes every sample to, possibly none
   */
  public record Endpoints(
      String job,
      List<String> staticTargets,
      List<String> fileSd,
      List<String> httpSd,
      Duration scrapeInterval,
      Duration evaluationInterval,
      Duration retention,
      String prometheusUrl,
      String alertmanagerUrl,
      String webhookUrl,
      List<String> forecasterUrls,
      String registryUrl,
      String grafanaUrl,
      String grafanaDashboardsDir,
      String runbookBaseUrl,
      List<String> remoteWrite) {
    /** How many forecaster replicas split the hosts; 1 means one forecaster serves them all. */
    public int forecasterShards() {
      return forecasterUrls.size();
    }
  }

  /**
   * The level that applies to a target with {@code labels}: the first override that sets it, else
   * the file's level; empty when the alert has no such level.
   */
  public Optional<Double> levelFor(Kind kind, Severity severity, Map<String, String> labels) {
    for (OverrideSpec o : overrides) {
      Double v = o.levels().getOrDefault(kind, Map.of()).get(severity);
      if (v != null && o.matches(labels)) {
        return Optional.of(v);
      }
    }
    LevelSpec level = levels.get(kind);
    return level == null ? Optional.empty() : Optional.ofNullable(level.levels().get(severity));
  }

  /** {@link #levelFor(Kind, Severity, Map)} for a leveled node-mixin family. */
  public Optional<Double> levelFor(Family family, Severity severity, Map<String, String> labels) {
    for (OverrideSpec o : overrides) {
      Double v = o.checkLevels().getOrDefault(family, Map.of()).get(severity);
      if (v != null && o.matches(labels)) {
        return Optional.of(v);
      }
    }
    CheckSpec check = checks.get(family);
    return check == null ? Optional.empty() : Optional.ofNullable(check.levels().get(severity));
  }
}
