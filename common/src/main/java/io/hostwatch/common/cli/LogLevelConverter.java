package io.hostwatch.common.cli;

import io.hostwatch.common.log.Logging.LogLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads {@code --log.level} as Prometheus does: debug, info, warn or error, in any case. */
public final class LogLevelConverter implements CommandLine.ITypeConverter<LogLevel> {
  @Override
  public LogLevel convert(String value) {
    for (LogLevel level : LogLevel.values()) {
      if (level.name().equalsIgnoreCase(value)) {
        return level;
      }
    }
    throw new CommandLine.TypeConversionException(
        "unknown log level \""
            + value
            + "\" (expected one of: "
            + Arrays.stream(LogLevel.values())
                .map(l -> l.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ")");
  }
}
