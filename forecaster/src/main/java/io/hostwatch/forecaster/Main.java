package io.hostwatch.forecaster;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.forecaster.backtest.BacktestCommand;
import io.hostwatch.forecaster.bench.FitBenchCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code forecaster}: parses flags and wires the parts. */
@Command(
    name = "forecaster",
    subcommands = {BacktestCommand.class, FitBenchCommand.class},
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Forecasts Prometheus series and exports predictions, bands, time-to-threshold and anomaly flags.")
public final class Main implements Callable<Integer> {

  @Override
  public Integer call() {
    return ExitCodes.OK;
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
