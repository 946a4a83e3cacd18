package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.Durations;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import io.hostwatch.rulesgen.spec.Spec.AnomalySpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Anomaly;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks {@code thresholds.anomaly} and fills in its defaults. */
final class AnomalyValidator {
  /** The step of every forecast rules-gen writes into forecaster.yml. */
  static final Duration STEP = Duration.ofMinutes(5);

  /** The forecaster scores a series only once it holds this many steps (its warm-up). */
  static final int WARM_UP_STEPS = 150;

  /** The forecaster refuses a lookback of more steps than this. */
  static final int MAX_STEPS = 110_000;

  static final Duration DEFAULT_LOOKBACK = Duration.ofDays(2);
  static final List<Kind> DEFAULT_FORECASTS = List.of(Kind.CPU, Kind.MEMORY);

  private AnomalyValidator() {}

  static Optional<AnomalySpec> anomaly(
      Anomaly a, Duration defFor, Duration defKeep, Loaded<?> loaded, List<ConfigError> errors) {
    if (a == null) {
      return Optional.empty();
    }
    String path = "thresholds.anomaly";
    List<Kind> forecasts = a.forecasts() == null ? DEFAULT_FORECASTS : new ArrayList<>();
    if (a.forecasts() != null) {
      if (a.forecasts().isEmpty()) {
        errors.add(loaded.errorAt(path + ".forecasts", "no forecast named (expected " + known()));
      }
      for (int i = 0; i < a.forecasts().size(); i++) {
        String name = a.forecasts().get(i);
        String p = path + ".forecasts[" + i + "]";
        Optional<Kind> kind = name == null ? Optional.empty() : Kind.byForecastName(name);
        if (kind.isEmpty()) {
          errors.add(loaded.errorAt(p, "unknown forecast \"" + name + "\" (expected " + known()));
        } else if (forecasts.contains(kind.get())) {
          errors.add(loaded.errorAt(p, "\"" + name + "\" is listed twice (expected each once)"));
        } else {
          forecasts.add(kind.get());
        }
      }
    }
    Duration lookback = a.lookback() == null ? DEFAULT_LOOKBACK : a.lookback();
    long steps = lookback.toSeconds() / STEP.toSeconds();
    if (steps < WARM_UP_STEPS) {
      errors.add(
          loaded.errorAt(
              path + ".lookback",
              "holds "
                  + steps
                  + " steps of 5m, but the anomaly score needs "
                  + WARM_UP_STEPS
                  + " (expected at least "
                  + Durations.format(STEP.multipliedBy(WARM_UP_STEPS))
                  + ")"));
    } else if (steps > MAX_STEPS) {
      errors.add(
          loaded.errorAt(
              path + ".lookback",
              "holds "
                  + steps
                  + " steps of 5m, more than the forecaster accepts (expected at most "
                  + Durations.format(STEP.multipliedBy(MAX_STEPS))
                  + ")"));
    }
    return Optional.of(
        new AnomalySpec(
            List.copyOf(forecasts),
            lookback,
            a.forDuration() == null ? defFor : a.forDuration(),
            a.keepFiringFor() == null ? defKeep : a.keepFiringFor(),
            a.severity() == null ? Severity.WARNING : a.severity()));
  }

  /** "cpu_busy, memory_used or filesystem_used)". */
  private static String known() {
    List<String> names = Arrays.stream(Kind.values()).map(Kind::forecastName).toList();
    return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + names.get(names.size() - 1)
        + ")";
  }
}
