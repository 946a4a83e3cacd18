package io.hostwatch.rulesgen.cli;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.rulesgen.generate.Generator;
import io.hostwatch.rulesgen.output.OutputWriter;
import io.hostwatch.rulesgen.spec.Spec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

/** {@code rules-gen generate}: writes every output, all or nothing. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write rules, promtool tests, prometheus.yml, alertmanager.yml, alert-webhook.yml,"
            + " forecaster.yml and Grafana dashboards to the output folder: a new or empty one,"
            + " or one rules-gen wrote before (it keeps a list in "
            + OutputWriter.MARKER
            + "). Only files on that list are replaced or removed.")
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description =
          "Output folder: new, empty, or written by rules-gen before; anything else is refused"
              + " (exit 2).")
  Path output;

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Override
  public Integer call() throws Exception {
    Map<String, String> files = render(config);
    try {
      OutputWriter.write(output, files);
    } catch (OutputWriter.RefusedException e) {
      throw new ConfigException(
          new ConfigError(
              output.toAbsolutePath().normalize().toString(), 0, 0, "--output", e.getMessage()));
    }
    self.commandLine().getOut().printf("wrote %d files to %s%n", files.size(), output);
    self.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** Loads, validates and renders; a file that validates but cannot be rendered is exit 2 too. */
  static Map<String, String> render(ConfigOption config) throws ConfigException {
    Spec spec = config.load();
    try {
      return Generator.render(spec);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          new ConfigError(config.config.toString(), 0, 0, "", e.getMessage()));
    }
  }
}
