package io.hostwatch.rulesgen.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hostwatch.common.config.Required;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The threshold file as written ({@code thresholds.yml}): what "unhealthy" means, once. Every key
 * is optional except {@code thresholds}; see the README for the reference.
 */
public record ThresholdFile(
    String selector,
    Defaults defaults,
    Thresholds thresholds,
    List<Override> overrides,
    @JsonProperty("notify") List<NotifyRoute> notifications,
    Targets targets,
    Duration scrapeInterval,
    Duration evaluationInterval,
    Duration retention,
    String prometheusUrl,
    String alertmanagerUrl,
    String webhookUrl,
    String forecasterUrl,
    String registryUrl,
    String grafanaUrl,
    String grafanaDashboardsDir,
    String runbookBaseUrl,
    List<RemoteWrite> remoteWrite,
    Forecaster forecaster) {

  /** {@code defaults:} applied to every alert that does not set its own. */
  public record Defaults(@JsonProperty("for") Duration forDuration, Duration keepFiringFor) {}

  /**
   * {@code thresholds:} one entry per alert family. An absent {@code cpu} … {@code anomaly}
   * generates no alert; an absent node-mixin family ({@link Family}) is generated with its
   * defaults.
   */
  public record Thresholds(
      Level cpu,
      Level memory,
      Level disk,
      HostDown hostDown,
      DiskFill diskFill,
      Anomaly anomaly,
      Check inodes,
      InodesFill inodesFill,
      Check networkErrors,
      Check conntrack,
      Check clockSkew,
      Toggle clockSync,
      Check fileDescriptors,
      Toggle textfile,
      Toggle raid,
      Toggle systemd,
      Toggle raidDiskFailure,
      Check load,
      Check majorPageFaults,
      Check diskIo,
      Check systemdCrashloop,
      Toggle bonding) {}

  /** A node-mixin family with levels; an absent level keeps the family's default. */
  public record Check(
      Boolean enabled,
      Double warning,
      Double critical,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor) {}

  /**
   * {@code inodes_fill:} few inodes free (the levels) and, at the rate of the last {@code
   * lookback}, none left within {@code warning_within} / {@code critical_within}.
   */
  public record InodesFill(
      Boolean enabled,
      Double warning,
      Double critical,
      Duration warningWithin,
      Duration criticalWithin,
      Duration lookback,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor) {}

  /** A node-mixin family that fires on a state, without a level. */
  public record Toggle(
      Boolean enabled,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  /** A percentage alert with up to two levels. */
  public record Level(
      Double warning,
      Double critical,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor) {}

  /** {@code host_down:} the target could not be scraped. */
  public record HostDown(
      @JsonProperty("for") Duration forDuration, Duration keepFiringFor, Severity severity) {}

  /** {@code disk_fill:} a filesystem predicted to be full within {@code within}. */
  public record DiskFill(
      Duration within,
      Duration lookback,
      Double floor,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  /**
   * {@code anomaly:} the forecaster flags one of {@code forecasts} (names of recorded series the
   * forecaster then forecasts with {@code lookback} of history) as anomalous.
   */
  public record Anomaly(
      List<String> forecasts,
      Duration lookback,
      @JsonProperty("for") Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  /** {@code overrides[]:} other levels for the targets whose labels all equal {@code match}. */
  public record Override(
      @Required Map<String, String> match, @Required OverrideThresholds thresholds) {}

  /** Only the levels can be overridden: {@code for} is per rule, not per series. */
  public record OverrideThresholds(
      LevelOverride cpu,
      LevelOverride memory,
      LevelOverride disk,
      LevelOverride inodes,
      LevelOverride inodesFill,
      LevelOverride networkErrors,
      LevelOverride conntrack,
      LevelOverride clockSkew,
      LevelOverride fileDescriptors,
      LevelOverride load,
      LevelOverride majorPageFaults,
      LevelOverride diskIo,
      LevelOverride systemdCrashloop) {
    /** The override of a leveled {@link Family}, or null. */
    public LevelOverride of(Family f) {
      return switch (f) {
        case INODES -> inodes;
        case INODES_FILL -> inodesFill;
        case NETWORK_ERRORS -> networkErrors;
        case CONNTRACK -> conntrack;
        case CLOCK_SKEW -> clockSkew;
        case FILE_DESCRIPTORS -> fileDescriptors;
        case LOAD -> load;
        case MAJOR_PAGE_FAULTS -> majorPageFaults;
        case DISK_IO -> diskIo;
        case SYSTEMD_CRASHLOOP -> systemdCrashloop;
        default -> null;
      };
    }
  }

  /** An overridden level pair; an absent level keeps the next matching value. */
  public record LevelOverride(Double warning, Double critical) {}

  /** {@code notify[]:} alerts whose labels all equal {@code match} are mailed to {@code email}. */
  public record NotifyRoute(
      Map<String, String> match, @Required List<String> email, String receiver) {}

  /** {@code targets:} where the hosts are found. */
  public record Targets(
      String job,
      @JsonProperty("static") List<String> staticTargets,
      List<String> fileSd,
      List<String> httpSd) {}

  /** {@code remote_write[]:} a store Prometheus also sends every sample to. */
  public record RemoteWrite(@Required String url) {}

  /**
   * {@code forecaster:} how many replicas split the hosts between them, and where each listens
   * (default: {@code forecaster_url}'s port plus 10 per replica).
   */
  public record Forecaster(Integer shards, List<String> urls) {}

  /** Alert severities, as the {@code severity} label carries them. */
  public enum Severity {
    WARNING,
    CRITICAL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
