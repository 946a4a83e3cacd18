package io.hostwatch.rulesgen.cli;

import io.hostwatch.common.config.ConfigException;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.SpecLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every subcommand that reads the threshold file. */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config", "--config.file"},
      required = true,
      paramLabel = "FILE",
      description = "The threshold file (thresholds.yml).")
  Path config;

  Spec load() throws ConfigException {
    return SpecLoader.load(config);
  }
}
