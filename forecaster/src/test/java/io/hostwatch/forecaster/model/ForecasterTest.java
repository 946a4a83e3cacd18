package io.hostwatch.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole fit: selection, bands, time to threshold, anomalies, and every odd-data case. */
class ForecasterTest {
  static double[] noise(long seed, int n, double level) {
    Random rnd = new Random(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = level + rnd.nextGaussian();
    }
    return y;
  }

  static Forecast run(double[] y, ForecastSpec spec) {
    return Forecaster.forecast(y, y.length, spec);
  }

  @Test
  void autoFollowsALineAndBracketsIt() {
    double[] y = ModelsTest.line(2016, 100, -0.5);
    Forecast f = run(y, ForecastSpec.of(ModelKind.AUTO, 12, 72));
    double truth = 100 - 0.5 * (2015 + 72);
    assertEquals(truth, f.point()[1], 0.05 * 36);
    assertTrue(f.lower()[1] <= f.point()[1] && f.point()[1] <= f.upper()[1]);
    assertTrue(f.issues().isEmpty(), f.issues().toString());
  }

  @Test
  void timeToThresholdOfAFallingLine() {
    double[] y = ModelsTest.line(1000, 5000, -2); // last value 3002: 1501 steps to 0
    Forecast f = run(y, ForecastSpec.of(ModelKind.LINEAR, 12).withThreshold(0));
    assertEquals(1501, f.toThreshold(), 1);
    assertTrue(f.toThresholdLower() <= f.toThreshold());
    assertTrue(f.toThresholdUpper() >= f.toThreshold());
  }

  @Test
  void timeToThresholdOfAutoBeyondItsHorizonsFollowsTheTrend() {
    // 1 GB falling 1 MB per step, the last sample repeated once (Prometheus' lookback fill)
    double[] y = new double[576];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1e9 - 1e6 * Math.min(i, 574);
    }
    Forecast f = run(y, ForecastSpec.of(ModelKind.AUTO, 12, 72).withThreshold(0));
    assertEquals(426, f.toThreshold(), 3, f.model());
  }

  @Test
  void timeToThresholdIsInfiniteWhenMovingAway() {
    double[] y = ModelsTest.line(1000, 5000, 2);
    Forecast f = run(y, ForecastSpec.of(ModelKind.LINEAR, 12).withThreshold(0));
    assertEquals(Double.POSITIVE_INFINITY, f.toThreshold());
    assertEquals(Double.POSITIVE_INFINITY, f.toThresholdUpper());
  }

  @Test
  void noThresholdMeansNaN() {
    Forecast f = run(noise(1, 500, 10), ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(Double.isNaN(f.toThreshold()));
  }

  @Test
  void anOutlierRaisesTheAnomalyFlagForAnomalyRunSteps() {
    double[] y = noise(2, 1500, 50);
    Forecast calm = run(y, ForecastSpec.of(ModelKind.AUTO, 12));
    assertFalse(calm.anomaly());
    assertFalse(calm.anomalyWarmingUp());
    assertTrue(calm.anomalyScore() >= 0 && calm.anomalyScore() < AnomalyScorer.THRESHOLD);
    for (int i = 1497; i < 1500; i++) {
      y[i] = 80; // 30 σ for three steps
    }
    Forecast hot = run(y, ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(hot.anomaly(), "the jump at the first of the last 3 steps raises the flag");
    double[] jump = Arrays.copyOf(y, 1498);
    Forecast atJump = run(jump, ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(atJump.anomalyScore() > 0.9, "score " + atJump.anomalyScore());
    // the same level for 3 more steps is no longer news, and the flag falls after anomaly_run
    double[] later = Arrays.copyOf(y, 1504);
    Arrays.fill(later, 1497, 1504, 80);
    Forecast after = run(later, ForecastSpec.of(ModelKind.AUTO, 12));
    assertFalse(after.anomaly());
  }

  @Test
  void aShortSeriesIsWarmingUp() {
    Forecast f = run(noise(3, AnomalyScorer.WARMUP - 1, 10), ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(f.anomalyWarmingUp());
    assertEquals(0.0, f.anomalyScore());
    assertFalse(
        run(noise(3, AnomalyScorer.WARMUP, 10), ForecastSpec.of(ModelKind.AUTO, 12))
            .anomalyWarmingUp());
  }

  @Test
  void bandsCoverAboutTheirLevelOnNoise() {
    // 40 independent series, each forecast once at 12 steps: the 90 % band should hold ~90 %
    int inside = 0;
    int trials = 200;
    for (int s = 0; s < trials; s++) {
      double[] all = noise(100 + s, 1012, 20);
      double[] past = Arrays.copyOf(all, 1000);
      Forecast f = run(past, ForecastSpec.of(ModelKind.AUTO, 12).withLevel(0.9));
      if (all[1011] >= f.lower()[0] && all[1011] <= f.upper()[0]) {
        inside++;
      }
    }
    double coverage = (double) inside / trials;
    assertTrue(coverage >= 0.82 && coverage <= 0.97, "coverage " + coverage);
  }

  @Test
  void aShortLookbackStillGivesBandsAtHorizonsItCannotBacktest() {
    // rules-gen's disk_avail: lookback 6h (72 steps), horizons 1h and 4h (48 steps)
    Forecast f = run(noise(4, 72, 1e9), ForecastSpec.of(ModelKind.AUTO, 12, 48).withThreshold(0));
    assertFalse(f.skipped());
    for (int i = 0; i < 2; i++) {
      assertTrue(f.lower()[i] < f.point()[i] && f.point()[i] < f.upper()[i], "horizon " + i);
    }
    assertTrue(f.upper()[1] - f.lower()[1] >= f.upper()[0] - f.lower()[0]);
  }

  @Test
  void emptyAndAllNaNAreSkipped() {
    Forecast f = run(new double[0], ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(f.skipped());
    assertTrue(f.issues().contains(DataIssue.EMPTY));
    double[] nan = new double[100];
    Arrays.fill(nan, Double.NaN);
    assertTrue(run(nan, ForecastSpec.of(ModelKind.AUTO, 12)).issues().contains(DataIssue.EMPTY));
  }

  @Test
  void tooFewPointsAreSkippedWithTheReason() {
    Forecast f = run(new double[] {1, 2, 3}, ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(f.skipped());
    assertNull(f.point());
    assertTrue(f.issues().contains(DataIssue.TOO_FEW_POINTS));
  }

  @Test
  void gapsAndInfinitiesAreFilled() {
    double[] y = ModelsTest.line(600, 0, 1);
    for (int i = 100; i < 140; i++) {
      y[i] = Double.NaN;
    }
    y[300] = Double.POSITIVE_INFINITY;
    Forecast f = run(y, ForecastSpec.of(ModelKind.LINEAR, 12));
    assertTrue(f.issues().contains(DataIssue.GAPS_FILLED));
    assertEquals(611, f.point()[0], 1e-6);
  }

  @Test
  void mostlyMissingIsSkipped() {
    double[] y = ModelsTest.line(600, 0, 1);
    for (int i = 1; i < 599; i++) {
      if (i % 3 != 0) {
        y[i] = Double.NaN;
      }
    }
    Forecast f = run(y, ForecastSpec.of(ModelKind.AUTO, 12));
    assertTrue(f.skipped());
    assertTrue(f.issues().contains(DataIssue.TOO_SPARSE));
  }

  @Test
  void counterResetsAreUndone() {
    double[] y = new double[600];
    double c = 0;
    for (int i = 0; i < y.length; i++) {
      c = i == 300 ? 3 : c + 3; // restarts at step 300
      y[i] = c;
    }
    Forecast f = run(y, ForecastSpec.of(ModelKind.LINEAR, 12));
    assertTrue(f.issues().contains(DataIssue.COUNTER_RESET));
    // 900 counted before the restart, 900 after it, then 3 per step for 12 steps
    assertEquals(900 + 900 + 36, f.point()[0], 1e-6);
  }

  @Test
  void aGaugeThatFallsIsNotTakenForACounter() {
    double[] y = ModelsTest.line(600, 1000, 1);
    y[300] = 950; // a dip, not a restart towards zero
    assertFalse(
        run(y, ForecastSpec.of(ModelKind.AUTO, 12)).issues().contains(DataIssue.COUNTER_RESET));
  }

  @Test
  void constantSeriesGiveAZeroWidthBand() {
    double[] y = new double[2016];
    Arrays.fill(y, 42);
    Forecast f = run(y, ForecastSpec.of(ModelKind.AUTO, 12, 288).withThreshold(0));
    assertTrue(f.issues().contains(DataIssue.CONSTANT));
    assertEquals("constant", f.model());
    for (int i = 0; i < 2; i++) {
      assertEquals(42, f.point()[i]);
      assertEquals(42, f.lower()[i]);
      assertEquals(42, f.upper()[i]);
    }
    assertEquals(Double.POSITIVE_INFINITY, f.toThreshold());
    assertFalse(f.anomaly());
    assertEquals(0, f.anomalyScore());
  }

  @Test
  void staleSeriesForecastFromTheirLastSample() {
    double[] y = ModelsTest.line(600, 0, 1);
    Arrays.fill(y, 590, 600, Double.NaN); // the last 10 steps missing
    Forecast f = run(y, ForecastSpec.of(ModelKind.LINEAR, 12));
    assertTrue(f.issues().contains(DataIssue.STALE));
    assertEquals(611, f.point()[0], 1e-6); // 12 steps after "now", not after the last sample
  }

  @Test
  void aModelThatNeedsMoreHistoryFallsBack() {
    Forecast f = run(noise(3, 50, 5), ForecastSpec.of(ModelKind.HOLT_WINTERS, 12));
    assertTrue(f.issues().contains(DataIssue.MODEL_FALLBACK));
    assertEquals("linear", f.model());
  }

  @Test
  void oddSeriesNeverThrow() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 300; trial++) {
      int n = rnd.nextInt(700);
      double[] y = new double[n];
      double scale = Math.pow(10, rnd.nextInt(24) - 6);
      for (int i = 0; i < n; i++) {
        double u = rnd.nextDouble();
        y[i] =
            u < 0.05
                ? Double.NaN
                : u < 0.06
                    ? Double.POSITIVE_INFINITY
                    : u < 0.5 ? scale : scale * rnd.nextGaussian();
      }
      ModelKind kind = ModelKind.values()[rnd.nextInt(ModelKind.values().length)];
      Forecast f = run(y, ForecastSpec.of(kind, 1, 12, 288).withSeason(24).withThreshold(0));
      if (!f.skipped()) {
        for (int i = 0; i < 3; i++) {
          assertTrue(Double.isFinite(f.point()[i]), "trial " + trial + " " + kind);
          assertTrue(f.lower()[i] <= f.upper()[i], "trial " + trial);
        }
        assertTrue(f.anomalyScore() >= 0 && f.anomalyScore() <= 1);
        assertFalse(Double.isNaN(f.toThreshold()));
      }
    }
  }
}
