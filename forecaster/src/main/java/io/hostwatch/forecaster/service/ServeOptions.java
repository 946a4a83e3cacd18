package io.hostwatch.forecaster.service;

import io.hostwatch.common.cli.DurationConverter;
import io.hostwatch.common.cli.LogLevelConverter;
import io.hostwatch.common.log.Logging;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The service's flags, shared by the default command and {@code run}. */
public final class ServeOptions {
  @Option(
      names = "--config.file",
      defaultValue = "forecaster.yml",
      description = "Forecaster configuration file (default: ${DEFAULT-VALUE}).")
  public Path configFile;

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9111",
      description = "Address to serve /metrics and health on (default: ${DEFAULT-VALUE}).")
  public String listenAddress;

  @Option(
      names = "--web.config.file",
      description = "Web config file for TLS and basic auth (exporter-toolkit format).")
  public Path webConfigFile;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      converter = LogLevelConverter.class,
      description = "debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  public Logging.LogLevel logLevel;

  @Option(
      names = "--shard",
      paramLabel = "i/n",
      description =
          "Serve only the hosts whose instance hashes to i of n replicas (0 <= i < n); overrides"
              + " shard in the configuration file (default: all hosts).")
  public String shard;

  @Option(
      names = "--query.attempts",
      defaultValue = "4",
      description =
          "Tries per query chunk before keeping the last forecasts (default: ${DEFAULT-VALUE}).")
  public int attempts;

  @Option(
      names = "--query.backoff",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "First retry delay, doubled each try (default: ${DEFAULT-VALUE}).")
  public Duration backoff;
}
