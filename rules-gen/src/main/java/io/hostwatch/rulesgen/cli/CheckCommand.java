package io.hostwatch.rulesgen.cli;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.rulesgen.spec.Spec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

/** {@code rules-gen check}: validates the threshold file and writes nothing. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Validate the threshold file; exit 2 with every problem listed when it is bad.")
public final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Override
  public Integer call() throws ConfigException {
    Spec spec = config.load();
    self.commandLine()
        .getOut()
        .printf(
            "%s: OK (%d percentage alerts, %d overrides, %d receivers)%n",
            config.config, spec.levels().size(), spec.overrides().size(), spec.receivers().size());
    self.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
