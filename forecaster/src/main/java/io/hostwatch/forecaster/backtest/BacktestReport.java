package io.hostwatch.forecaster.backtest;

import io.hostwatch.common.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes the backtest's predictions CSV and prints its per-file table and summary. */
public final class BacktestReport {
  static final String HEADER = "file,origin,target,forecast,lower,upper,actual,anomaly_score";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private BacktestReport() {}

  /** Writes all rows to {@code output} through a temporary file, so it is never half-written. */
  public static void writeCsv(List<BacktestRunner.Result> results, Path output) throws IOException {
    AtomicFiles.write(
        output,
        w -> {
          w.write(HEADER + "\n");
          for (BacktestRunner.Result r : results) {
            String file = Path.of(r.file()).getFileName().toString();
            for (BacktestRunner.Row row : r.rows()) {
              w.write(
                  String.join(
                      ",",
                      file,
                      TIME.format(Instant.ofEpochSecond(row.origin())),
                      TIME.format(Instant.ofEpochSecond(row.target())),
                      num(row.forecast()),
                      num(row.lower()),
                      num(row.upper()),
                      num(row.actual()),
                      String.format(Locale.ROOT, "%.4f", row.anomalyScore())));
              w.write('\n');
            }
          }
        });
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  /**
   * One line of the table.
   *
   * @param base predict_linear
   * @param last the last value at the origin
   * @param seasonal the value one season before the target
   */
  public record Line(
      String file,
      int rows,
      String models,
      Accuracy ours,
      Accuracy base,
      Accuracy last,
      Accuracy seasonal,
      double coverage) {
    public double maeRatio() {
      return ours.mae() / base.mae();
    }

    public double maeRatioLast() {
      return ours.mae() / last.mae();
    }

    public double maeRatioSeasonal() {
      return ours.mae() / seasonal.mae();
    }

    public double medaeRatio() {
      return ours.medae() / base.medae();
    }
  }

  public static List<Line> lines(List<BacktestRunner.Result> results) {
    List<Line> lines = new ArrayList<>();
    for (BacktestRunner.Result r : results) {
      String models =
          r.models().entrySet().stream()
              .sorted((a, b) -> b.getValue() - a.getValue())
              .map(e -> e.getKey() + ":" + e.getValue())
              .collect(Collectors.joining(" "));
      lines.add(
          new Line(
              Path.of(r.file()).getFileName().toString(),
              r.rows().size(),
              models,
              Accuracy.of(r.rows(), BacktestRunner.Row::forecast, r.scale()),
              Accuracy.of(r.rows(), BacktestRunner.Row::baseline, r.scale()),
              Accuracy.of(r.rows(), BacktestRunner.Row::lastValue, r.scale()),
              Accuracy.of(r.rows(), BacktestRunner.Row::seasonalNaive, r.scale()),
              Accuracy.coverage(r.rows())));
    }
    return lines;
  }

  /** The per-file table, then the medians across files. */
  public static void print(List<Line> lines, String horizon, double level, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "horizon %s; ours = chosen model, base = predict_linear; ratio = ours/base; r last, r seas ="
            + " MAE ours / MAE of the last value, of the value one season before the target; cover ="
            + " share of actuals inside the %.0f%% band%n",
        horizon,
        level * 100);
    String fmt = "%-40s %6s %10s %10s %6s %6s %6s %10s %10s %6s %7s %7s %7s %7s %6s  %s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "file",
        "rows",
        "MAE ours",
        "MAE base",
        "ratio",
        "r last",
        "r seas",
        "MedAE ours",
        "MedAE base",
        "ratio",
        "MASE o",
        "MASE b",
        "sMAPE o",
        "sMAPE b",
        "cover",
        "models (refits)");
    for (Line l : lines) {
      out.printf(
          Locale.ROOT,
          fmt,
          l.file(),
          l.rows(),
          g(l.ours().mae()),
          g(l.base().mae()),
          f2(l.maeRatio()),
          f2(l.maeRatioLast()),
          f2(l.maeRatioSeasonal()),
          g(l.ours().medae()),
          g(l.base().medae()),
          f2(l.medaeRatio()),
          f2(l.ours().mase()),
          f2(l.base().mase()),
          f2(l.ours().smape()),
          f2(l.base().smape()),
          f2(l.coverage()),
          l.models());
    }
    double[] mae = lines.stream().mapToDouble(Line::maeRatio).sorted().toArray();
    double[] med = lines.stream().mapToDouble(Line::medaeRatio).sorted().toArray();
    double[] cov = lines.stream().mapToDouble(Line::coverage).sorted().toArray();
    double[] last = lines.stream().mapToDouble(Line::maeRatioLast).sorted().toArray();
    double[] seas = lines.stream().mapToDouble(Line::maeRatioSeasonal).sorted().toArray();
    if (mae.length == 0) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "summary: %d files; MAE ratio median %.3f (worst %.3f); MAE ratio vs last value median %.3f"
            + " (worst %.3f); MAE ratio vs seasonal naive median %.3f (worst %.3f); MedAE ratio"
            + " median %.3f (worst %.3f); files with MAE ratio <= 0.80: %d/%d; coverage median %.3f"
            + " (min %.3f, max %.3f, pooled %.3f)%n",
        mae.length,
        median(mae),
        mae[mae.length - 1],
        median(last),
        last[last.length - 1],
        median(seas),
        seas[seas.length - 1],
        median(med),
        med[med.length - 1],
        java.util.Arrays.stream(mae).filter(v -> v <= 0.80).count(),
        mae.length,
        median(cov),
        cov[0],
        cov[cov.length - 1],
        pooled(lines));
  }

  /** Coverage over all rows of all files. */
  static double pooled(List<Line> lines) {
    double in = 0;
    long rows = 0;
    for (Line l : lines) {
      in += l.coverage() * l.rows();
      rows += l.rows();
    }
    return rows == 0 ? Double.NaN : in / rows;
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
