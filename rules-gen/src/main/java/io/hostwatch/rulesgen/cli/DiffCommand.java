package io.hostwatch.rulesgen.cli;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.rulesgen.output.OutputWriter;
import io.hostwatch.rulesgen.output.UnifiedDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

/** {@code rules-gen diff}: what {@code generate} would change, exit 1 when anything would. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Print what generate would change in the output folder as a unified diff. Exit 0 when"
            + " nothing would change, 1 when something would, 2 on a bad threshold file.")
public final class DiffCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "The output folder generate would write.")
  Path output;

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Override
  public Integer call() throws Exception {
    String diff = UnifiedDiff.of(OutputWriter.read(output), GenerateCommand.render(config));
    PrintWriter out = self.commandLine().getOut();
    out.print(diff);
    out.flush();
    return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
