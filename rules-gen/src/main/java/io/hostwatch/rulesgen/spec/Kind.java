package io.hostwatch.rulesgen.spec;

/**
 * The percentage alert families. Alert names, recorded series and threshold series are a contract:
 * runbooks, dashboards and other components rely on them.
 */
public enum Kind {
  CPU("cpu", "HostHighCpu", "instance:node_cpu_busy:percent", "CPU busy"),
  MEMORY("memory", "HostHighMemory", "instance:node_memory_used:percent", "Memory used"),
  DISK("disk", "HostDiskSpace", "instance:node_filesystem_used:percent", "Filesystem used");

  private final String key;
  private final String alertName;
  private final String recordedSeries;
  private final String what;

  Kind(String key, String alertName, String recordedSeries, String what) {
    this.key = key;
    this.alertName = alertName;
    this.recordedSeries = recordedSeries;
    this.what = what;
  }

  /** The key under {@code thresholds:}. */
  public String key() {
    return key;
  }

  public String alertName() {
    return alertName;
  }

  /** The recording rule that gives the percentage per instance (per filesystem for disk). */
  public String recordedSeries() {
    return recordedSeries;
  }

  /**
   * The recording rule that publishes the level per instance, overrides applied, with a {@code
   * severity} label: {@code hostwatch:threshold_cpu_busy:percent}.
   */
  public String thresholdSeries() {
    return "hostwatch:threshold_" + forecastName() + ":percent";
  }

  /**
   * The name of the forecaster's forecast of {@link #recordedSeries()}, as {@code
   * thresholds.anomaly.forecasts} lists it: {@code cpu_busy}.
   */
  public String forecastName() {
    return recordedSeries.substring("instance:node_".length(), recordedSeries.lastIndexOf(':'));
  }

  /** The kind whose forecast is called {@code name}, if any. */
  public static java.util.Optional<Kind> byForecastName(String name) {
    return java.util.Arrays.stream(values()).filter(k -> k.forecastName().equals(name)).findFirst();
  }

  /** Human words for summaries: "CPU busy". */
  public String what() {
    return what;
  }
}
