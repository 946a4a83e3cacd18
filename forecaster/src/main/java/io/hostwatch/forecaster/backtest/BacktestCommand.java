package io.hostwatch.forecaster.backtest;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.Durations;
import io.hostwatch.forecaster.model.ForecastSpec;
import io.hostwatch.forecaster.model.ModelKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecaster backtest}: rolling-origin evaluation of a model against predict_linear. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description =
        "Walks a rolling origin through timestamp,value CSVs and compares the model with"
            + " predict_linear, the last value and seasonal naive.")
public final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, description = "CSV of timestamp,value (repeatable).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--horizon", defaultValue = "1h", description = "Forecast horizon (default 1h).")
  String horizon;

  @Option(
      names = "--model",
      defaultValue = "auto",
      description = "auto | linear | theil_sen | holt | holt_winters | seasonal_naive | theta.")
  String model;

  @Option(names = "--output", description = "Predictions CSV to write.")
  Path output;

  @Option(
      names = "--lookback",
      defaultValue = "7d",
      description = "History each fit sees (default 7d).")
  String lookback;

  @Option(
      names = "--refit",
      defaultValue = "1h",
      description = "Time between two fits (default 1h).")
  String refit;

  @Option(names = "--season", defaultValue = "1d", description = "Seasonal period (default 1d).")
  String season;

  @Option(names = "--level", defaultValue = "0.95", description = "Prediction interval level.")
  double level;

  @Option(
      names = "--baseline-window",
      defaultValue = "6h",
      description = "predict_linear range (default 6h).")
  String baselineWindow;

  @Override
  public Integer call() throws ConfigException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    ModelKind kind = option("--model", () -> ModelKind.fromYaml(model));
    Duration h = duration("--horizon", horizon);
    Duration look = duration("--lookback", lookback);
    Duration every = duration("--refit", refit);
    Duration seas = duration("--season", season);
    Duration base = duration("--baseline-window", baselineWindow);
    if (!(level > 0 && level < 1)) {
      throw usage("--level", "must be in (0, 1)");
    }
    List<SeriesCsv.Grid> grids = new ArrayList<>();
    List<ConfigError> errors = new ArrayList<>();
    for (Path p : inputs) {
      SeriesCsv.Grid grid = SeriesCsv.read(p, SeriesCsv::parse, errors);
      if (grid != null) {
        grids.add(grid);
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    List<BacktestRunner.Result> results =
        grids.parallelStream()
            .map(g -> BacktestRunner.run(g, settings(g.step(), kind, h, look, every, seas, base)))
            .toList();
    if (output != null) {
      BacktestReport.writeCsv(results, output);
    }
    BacktestReport.print(BacktestReport.lines(results), Durations.format(h), level, out);
    out.flush();
    return ExitCodes.OK;
  }

  private BacktestRunner.Settings settings(
      long step,
      ModelKind kind,
      Duration h,
      Duration look,
      Duration every,
      Duration seas,
      Duration base) {
    int hs = steps(h, step);
    ForecastSpec fs =
        ForecastSpec.of(kind, hs)
            .withSeason(steps(seas, step))
            .withLevel(level)
            .withLinearWindow(steps(base, step) + 1);
    return new BacktestRunner.Settings(
        fs, hs, steps(look, step), steps(every, step), steps(base, step) + 1);
  }

  /** A duration in steps, at least one; predict_linear's [6h] at 5m holds 73 samples (2.x). */
  static int steps(Duration d, long stepSeconds) {
    return (int) Math.max(1, Math.round((double) d.toSeconds() / stepSeconds));
  }

  private Duration duration(String flag, String text) throws ConfigException {
    Duration d = option(flag, () -> Durations.parse(text));
    if (d.isZero() || d.isNegative()) {
      throw usage(flag, "must be positive");
    }
    return d;
  }

  private <T> T option(String flag, java.util.function.Supplier<T> parse) throws ConfigException {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw usage(flag, e.getMessage());
    }
  }

  private static ConfigException usage(String flag, String message) {
    return new ConfigException(new ConfigError("command line", 0, 0, flag, message));
  }
}
