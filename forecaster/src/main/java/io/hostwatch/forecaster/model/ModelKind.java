package io.hostwatch.forecaster.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code model:} choices of a forecast; {@code auto} picks per series by backtest error. */
public enum ModelKind {
  AUTO,
  LINEAR,
  THEIL_SEN,
  HOLT,
  HOLT_WINTERS,
  SEASONAL_NAIVE,
  THETA,
  MEDIAN,
  SEASONAL_MEDIAN;

  /** The configuration spelling, e.g. {@code holt_winters}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a configuration value; the message lists the choices. */
  public static ModelKind fromYaml(String text) {
    for (ModelKind k : values()) {
      if (k.key().equals(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown model '"
            + text
            + "' (expected one of "
            + Arrays.stream(values()).map(ModelKind::key).collect(Collectors.joining(", "))
            + ")");
  }

  @Override
  public String toString() {
    return key();
  }
}
