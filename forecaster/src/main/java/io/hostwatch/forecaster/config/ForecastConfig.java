package io.hostwatch.forecaster.config;

import io.hostwatch.common.config.Required;
import io.hostwatch.forecaster.model.ModelKind;
import java.time.Duration;
import java.util.List;

/**
 * One {@code forecasts:} entry.
 *
 * @param name the {@code forecast} label value
 * @param query any PromQL returning the series to forecast
 * @param lookback history each fit sees (default 7d)
 * @param step sampling step (default 5m)
 * @param horizons how far ahead to forecast (default [1h])
 * @param threshold publish the time until the forecast crosses this value
 * @param model the model, {@code auto} by default
 * @param season the seasonal period (default 1d)
 * @param level the band's central probability (default 0.95)
 * @param anomalyRun steps the anomaly flag stays up after a sample scores high (default 3)
 */
public record ForecastConfig(
    @Required String name,
    @Required String query,
    Duration lookback,
    Duration step,
    List<Duration> horizons,
    Double threshold,
    ModelKind model,
    Duration season,
    Double level,
    Integer anomalyRun) {

  public ForecastConfig {
    if (name != null && !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a label value we accept (expected [a-zA-Z_][a-zA-Z0-9_]*)");
    }
    if (level != null && !(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "level " + level + " (expected a probability in (0, 1), e.g. 0.95)");
    }
    if (anomalyRun != null && anomalyRun < 1) {
      throw new IllegalArgumentException("anomaly_run " + anomalyRun + " (expected at least 1)");
    }
    positive(lookback, "lookback");
    positive(step, "step");
    positive(season, "season");
    if (horizons != null) {
      if (horizons.isEmpty()) {
        throw new IllegalArgumentException("horizons is empty (expected at least one duration)");
      }
      horizons.forEach(h -> positive(h, "horizons"));
    }
  }

  private static void positive(Duration d, String key) {
    if (d != null && (d.isZero() || d.isNegative())) {
      throw new IllegalArgumentException(key + " must be positive");
    }
  }

  /**
   * The history each fit sees in whole steps, a remainder dropped: the grid {@code end - lookback +
   * step .. end} then lies on multiples of the step, as {@code end} does. VictoriaMetrics answers a
   * range query on multiples of the step whatever start it is asked for (so that it can cache the
   * answer), which put every sample of any other grid up to half a step off and could lose the
   * newest one. The number of points is the same as before the rounding.
   */
  public Duration lookbackOrDefault() {
    Duration l = lookback == null ? Duration.ofDays(7) : lookback;
    long step = Math.max(1, stepOrDefault().toSeconds());
    return Duration.ofSeconds(Math.max(1, l.toSeconds() / step) * step);
  }

  public Duration stepOrDefault() {
    return step == null ? Duration.ofMinutes(5) : step;
  }

  public List<Duration> horizonsOrDefault() {
    return horizons == null ? List.of(Duration.ofHours(1)) : horizons;
  }

  public ModelKind modelOrDefault() {
    return model == null ? ModelKind.AUTO : model;
  }

  public Duration seasonOrDefault() {
    return season == null ? Duration.ofDays(1) : season;
  }
}
