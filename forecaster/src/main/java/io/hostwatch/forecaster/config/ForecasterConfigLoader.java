package io.hostwatch.forecaster.config;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.YamlConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Loads {@code forecaster.yml} and checks what binding alone cannot: all errors at once. */
public final class ForecasterConfigLoader {
  /** Samples per series above which a fit would be pointlessly slow (≈ a year at 5 minutes). */
  static final long MAX_POINTS = 110_000;

  private ForecasterConfigLoader() {}

  public static ForecasterConfig load(Path file) throws ConfigException {
    return check(YamlConfigLoader.load(file, ForecasterConfig.class));
  }

  public static ForecasterConfig parse(String text, String fileName) throws ConfigException {
    return check(YamlConfigLoader.parse(text, fileName, Path.of("."), ForecasterConfig.class));
  }

  static ForecasterConfig check(YamlConfigLoader.Loaded<ForecasterConfig> loaded)
      throws ConfigException {
    ForecasterConfig c = loaded.value();
    List<ConfigError> errors = new ArrayList<>();
    if (c.interval() != null && (c.interval().isZero() || c.interval().isNegative())) {
      errors.add(loaded.errorAt("interval", "must be positive (expected e.g. 5m)"));
    }
    if (c.parallelism() != null && c.parallelism() < 1) {
      errors.add(loaded.errorAt("parallelism", "must be at least 1"));
    }
    if (c.shard() != null) {
      try {
        Shard.parse(c.shard());
      } catch (IllegalArgumentException e) {
        errors.add(loaded.errorAt("shard", e.getMessage()));
      }
    }
    if (c.forecasts().isEmpty()) {
      errors.add(loaded.errorAt("forecasts", "is empty (expected at least one forecast)"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.forecasts().size(); i++) {
      ForecastConfig f = c.forecasts().get(i);
      String at = "forecasts[" + i + "]";
      if (!names.add(f.name())) {
        errors.add(loaded.errorAt(at + ".name", "duplicate forecast name '" + f.name() + "'"));
      }
      Duration step = f.stepOrDefault();
      long points = f.lookbackOrDefault().toSeconds() / Math.max(1, step.toSeconds());
      if (points < 6) {
        errors.add(
            loaded.errorAt(at + ".lookback", "holds " + points + " steps (expected at least 6)"));
      } else if (points > MAX_POINTS) {
        errors.add(
            loaded.errorAt(
                at + ".lookback",
                "holds " + points + " steps (expected at most " + MAX_POINTS + ")"));
      }
      if (step.toSeconds() < 1) {
        errors.add(loaded.errorAt(at + ".step", "below one second"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return c;
  }
}
