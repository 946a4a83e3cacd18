package io.hostwatch.forecaster.detect;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.io.AtomicFiles;
import io.hostwatch.forecaster.backtest.SeriesCsv;
import io.hostwatch.forecaster.model.AnomalyScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forecaster detect}: the service's anomaly score for every row of timestamp,value CSVs, in
 * the layout the Numenta Anomaly Benchmark's scorer reads.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Scores every row of timestamp,value CSVs with the service's anomaly score (from earlier"
            + " rows only) and writes file,timestamp,value,anomaly_score.")
public final class DetectCommand implements Callable<Integer> {
  static final String HEADER = "file,timestamp,value,anomaly_score";

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      description = "CSVs of timestamp,value (several after one flag, or the flag repeated).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--output", required = true, description = "Scores CSV to write.")
  Path output;

  /** One input file's rows and their scores. */
  record Scored(String file, List<SeriesCsv.Row> rows, double[] scores) {}

  @Override
  public Integer call() throws ConfigException, IOException {
    List<ConfigError> errors = new ArrayList<>();
    Path dir = output.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      errors.add(new ConfigError("command line", 0, 0, "--output", "no such directory: " + dir));
    }
    List<String> names = new ArrayList<>();
    List<List<SeriesCsv.Row>> series = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path p : inputs) {
      String name = p.getFileName().toString();
      Path before = seen.putIfAbsent(name, p);
      if (before != null) {
        errors.add(
            new ConfigError(
                p.toString(),
                0,
                0,
                "",
                "same file name as " + before + " (the scores are keyed by the file's base name)"));
        continue;
      }
      List<SeriesCsv.Row> rows = SeriesCsv.read(p, SeriesCsv::rows, errors);
      if (rows != null) {
        series.add(rows);
        names.add(name);
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      scored.add(score(names.get(i), series.get(i)));
    }
    write(scored, output);
    PrintWriter out = spec.commandLine().getOut();
    long rows = scored.stream().mapToLong(s -> s.rows().size()).sum();
    out.printf("scored %d rows of %d files into %s%n", rows, scored.size(), output);
    out.flush();
    return ExitCodes.OK;
  }

  static Scored score(String file, List<SeriesCsv.Row> rows) {
    double[] values = rows.stream().mapToDouble(SeriesCsv.Row::value).toArray();
    return new Scored(file, rows, AnomalyScorer.scoreAll(values, values.length));
  }

  /**
   * Writes all rows through a temporary file next to {@code output}, so it is never half-written.
   */
  static void write(List<Scored> scored, Path output) throws IOException {
    AtomicFiles.write(
        output,
        w -> {
          w.write(HEADER + "\n");
          StringBuilder line = new StringBuilder(96);
          for (Scored s : scored) {
            for (int i = 0; i < s.rows().size(); i++) {
              SeriesCsv.Row r = s.rows().get(i);
              line.setLength(0);
              line.append(s.file()).append(',').append(r.timestamp()).append(',');
              line.append(Double.isNaN(r.value()) ? "NaN" : Double.toString(r.value())).append(',');
              line.append(s.scores()[i]).append('\n');
              w.append(line);
            }
          }
        });
  }
}
