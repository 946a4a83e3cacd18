package io.hostwatch.forecaster.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.MainAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
  @TempDir Path dir;

  /** Four days of a noisy daily cycle at 5 minutes, in NAB's format. */
  static Path nabLike(Path dir, String name, long seed) throws Exception {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    LocalDateTime t = LocalDateTime.of(2014, 2, 14, 0, 0);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (int i = 0; i < 4 * 288; i++) {
      double v = 50 + 10 * Math.sin(2 * Math.PI * i / 288) + 2 * rnd.nextGaussian();
      sb.append(f.format(t.plusMinutes(5L * i))).append(',').append(v).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  static int run(StringWriter out, StringWriter err, String... args) {
    return MainAccess.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void writesOneRowPerForecastAndATable() throws Exception {
    Path a = nabLike(dir, "a.csv", 1);
    Path b = nabLike(dir, "b.csv", 2);
    Path pred = dir.resolve("pred.csv");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            out,
            err,
            "backtest",
            "--input",
            a.toString(),
            "--input",
            b.toString(),
            "--horizon",
            "1h",
            "--lookback",
            "2d",
            "--output",
            pred.toString());
    assertEquals(0, code, err.toString());
    List<String> lines = Files.readAllLines(pred);
    assertEquals(BacktestReport.HEADER, lines.get(0));
    // warm-up of 2 days (576 steps) on 1152: origins 575..1139 forecast 12 steps ahead, per file
    assertEquals(1 + 2 * (1152 - 575 - 12), lines.size());
    String[] row = lines.get(1).split(",");
    assertEquals("a.csv", row[0]);
    assertEquals("2014-02-15 23:55:00", row[1]);
    assertEquals("2014-02-16 00:55:00", row[2]);
    double forecast = Double.parseDouble(row[3]);
    assertTrue(Double.parseDouble(row[4]) <= forecast && forecast <= Double.parseDouble(row[5]));
    double score = Double.parseDouble(row[7]);
    assertTrue(score >= 0 && score <= 1);
    String table = out.toString();
    assertTrue(table.contains("a.csv") && table.contains("b.csv"), table);
    assertTrue(table.contains("summary: 2 files"), table);
  }

  @Test
  void badInputExitsTwoWithThePositionAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "timestamp,value\n2014-02-14 00:00:00,1\n2014-02-14 00:05:00,x\n");
    Path pred = dir.resolve("pred.csv");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(out, err, "backtest", "--input", bad.toString(), "--output", pred.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("bad.csv:3:21"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
    assertFalse(Files.exists(pred));
  }

  @Test
  void anUnknownModelIsAUsageError() throws Exception {
    Path a = nabLike(dir, "a.csv", 1);
    StringWriter err = new StringWriter();
    int code =
        run(new StringWriter(), err, "backtest", "--input", a.toString(), "--model", "arima");
    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown model 'arima'"), err.toString());
  }

  @Test
  void backtestOnGaussianNoiseCoversAboutItsLevel() throws Exception {
    Random rnd = new Random(9);
    double[] v = new double[3000];
    for (int i = 0; i < v.length; i++) {
      v[i] = 100 + 5 * rnd.nextGaussian();
    }
    SeriesCsv.Grid g = new SeriesCsv.Grid("noise", 0, 300, v);
    var spec =
        io.hostwatch.forecaster.model.ForecastSpec.of(
            io.hostwatch.forecaster.model.ModelKind.AUTO, 12);
    var result = BacktestRunner.run(g, new BacktestRunner.Settings(spec, 12, 1008, 12, 73));
    double coverage = Accuracy.coverage(result.rows());
    assertTrue(coverage > 0.9 && coverage < 0.99, "coverage " + coverage);
  }
}
