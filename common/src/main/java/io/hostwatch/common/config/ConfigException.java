package io.hostwatch.common.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one configuration file, reported together so the user fixes them in one
 * pass. The message is fit to print as is; callers exit with code 2 and no stack trace.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(errors.stream().sorted().map(ConfigError::toString).collect(Collectors.joining("\n")));
    this.errors = errors.stream().sorted().toList();
  }

  public ConfigException(ConfigError error) {
    this(List.of(error));
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
