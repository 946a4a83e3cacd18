package io.hostwatch.rulesgen;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.rulesgen.cli.CheckCommand;
import io.hostwatch.rulesgen.cli.CompletionCommand;
import io.hostwatch.rulesgen.cli.DiffCommand;
import io.hostwatch.rulesgen.cli.GenerateCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code rules-gen}: parses flags and wires the parts. */
@Command(
    name = "rules-gen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      CheckCommand.class,
      GenerateCommand.class,
      DiffCommand.class,
      CompletionCommand.class
    },
    description =
        "Generates Prometheus rules, tests, Alertmanager, forecaster and Grafana configuration from one threshold file.")
public final class Main implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() {
    // No subcommand: show what there is, as git does.
    self.commandLine().usage(self.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The command line as {@code main} and the tests use it. */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return Commands.configure(new CommandLine(new Main()), out, err);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(newCommandLine(out, err).execute(args));
  }
}
