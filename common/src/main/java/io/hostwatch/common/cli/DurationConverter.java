package io.hostwatch.common.cli;

import io.hostwatch.common.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads a flag's Prometheus duration ({@code 30s}, {@code 5m}, {@code 1h30m}), so every service's
 * duration flags accept the same spellings as its YAML files and Prometheus.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
