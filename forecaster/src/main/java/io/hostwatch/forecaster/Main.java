package io.hostwatch.forecaster;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.forecaster.backtest.BacktestCommand;
import io.hostwatch.forecaster.bench.FitBenchCommand;
import io.hostwatch.forecaster.bench.FleetDataCommand;
import io.hostwatch.forecaster.detect.DetectCommand;
import io.hostwatch.forecaster.service.RunCommand;
import io.hostwatch.forecaster.service.ServeOptions;
import io.hostwatch.forecaster.service.Server;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code forecaster}: parses flags and wires the parts. */
@Command(
    name = "forecaster",
    subcommands = {
      RunCommand.class,
      BacktestCommand.class,
      DetectCommand.class,
      FitBenchCommand.class,
      FleetDataCommand.class
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Forecasts Prometheus series and exports predictions, bands, time-to-threshold and anomaly flags.")
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ServeOptions options;

  /** Without a subcommand the forecaster runs as a service, like Prometheus' own binaries. */
  @Override
  public Integer call() throws Exception {
    return Server.run(options, spec.commandLine().getErr());
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
