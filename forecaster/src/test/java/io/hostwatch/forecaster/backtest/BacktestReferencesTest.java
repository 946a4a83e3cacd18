package io.hostwatch.forecaster.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.model.ForecastSpec;
import io.hostwatch.forecaster.model.ModelKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestReferencesTest {
  private static final double[] Y = {10, 11, 12, 13, 14, 15, 16, 17};

  @Test
  void lastValueIsTheValueAtTheOrigin() {
    assertEquals(13, References.lastValue(Y, 3));
    assertEquals(10, References.lastValue(Y, 0));
  }

  @Test
  void seasonalNaiveIsTheValueOneSeasonBeforeTheTarget() {
    // season 4, origin 5, horizon 1: target 6, one season back is index 2
    assertEquals(12, References.seasonalNaive(Y, 5, 1, 4));
    // horizon equal to the season: the origin itself is one season before the target
    assertEquals(15, References.seasonalNaive(Y, 5, 4, 4));
  }

  @Test
  void seasonalNaiveGoesBackWholeSeasonsWhenTheHorizonIsLonger() {
    // season 2, origin 5, horizon 3: target 8, 8-2=6 is past the origin, 8-4=4 is not
    assertEquals(14, References.seasonalNaive(Y, 5, 3, 2));
  }

  @Test
  void seasonalNaiveFallsBackToTheLastValueBeforeOneSeasonOfHistory() {
    // season 6, origin 2, horizon 1: target 3, one season back would be index -3
    assertEquals(12, References.seasonalNaive(Y, 2, 1, 6));
  }

  @Test
  void theRunnerScoresBothReferencesOnEveryRow() {
    // a pure period-4 sawtooth: seasonal naive is exact, the last value is not
    double[] v = new double[200];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 4;
    }
    SeriesCsv.Grid g = new SeriesCsv.Grid("saw", 0, 300, v);
    ForecastSpec spec = ForecastSpec.of(ModelKind.LINEAR, 1).withSeason(4);
    var result = BacktestRunner.run(g, new BacktestRunner.Settings(spec, 1, 40, 4, 8));
    assertTrue(result.rows().size() > 100, "rows " + result.rows().size());
    for (BacktestRunner.Row r : result.rows()) {
      assertEquals(r.actual(), r.seasonalNaive(), 0.0, "at origin " + r.origin());
      assertEquals((r.actual() + 3) % 4, r.lastValue(), 0.0, "at origin " + r.origin());
    }
    List<BacktestReport.Line> lines = BacktestReport.lines(List.of(result));
    assertEquals(0.0, lines.get(0).seasonal().mae());
    assertTrue(lines.get(0).last().mae() > 1, "last-value MAE " + lines.get(0).last().mae());
    StringWriter out = new StringWriter();
    BacktestReport.print(lines, "5m", 0.95, new PrintWriter(out, true));
    String text = out.toString();
    assertTrue(text.contains("r last") && text.contains("r seas"), text);
    assertTrue(text.contains("MAE ratio vs last value median"), text);
    assertTrue(text.contains("MAE ratio vs seasonal naive median"), text);
  }
}
