package io.hostwatch.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyScorerTest {
  static double[] noise(long seed, int n, double level, double sd) {
    Random rnd = new Random(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = level + sd * rnd.nextGaussian();
    }
    return y;
  }

  static void assertInRange(double[] s) {
    for (int i = 0; i < s.length; i++) {
      assertTrue(s[i] >= 0 && s[i] <= 1, "score " + s[i] + " at " + i);
      assertFalse(Double.isNaN(s[i]), "NaN at " + i);
    }
  }

  @Test
  void appendingFutureRowsNeverChangesAnEarlierScore() {
    Random rnd = new Random(7);
    double[] y = noise(1, 3000, 20, 3);
    for (int i = 0; i < y.length; i += 97) {
      y[i] = rnd.nextBoolean() ? Double.NaN : 200; // gaps and spikes along the way
    }
    double[] full = AnomalyScorer.scoreAll(y, y.length);
    for (int cut : new int[] {1, 2, 149, 150, 151, 500, 1777, 2999}) {
      double[] prefix = AnomalyScorer.scoreAll(Arrays.copyOf(y, cut), cut);
      for (int i = 0; i < cut; i++) {
        assertEquals(full[i], prefix[i], "row " + i + " with " + cut + " rows");
      }
    }
  }

  @Test
  void scoresStayInZeroOneOnOddSeries() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = rnd.nextInt(2500);
      double[] y = new double[n];
      double scale = Math.pow(10, rnd.nextInt(40) - 20);
      for (int i = 0; i < n; i++) {
        double u = rnd.nextDouble();
        y[i] =
            u < 0.05
                ? Double.NaN
                : u < 0.06
                    ? Double.POSITIVE_INFINITY
                    : u < 0.07
                        ? Double.MAX_VALUE
                        : u < 0.08
                            ? -Double.MAX_VALUE
                            : u < 0.1 ? -1e300 : scale * rnd.nextGaussian();
      }
      assertInRange(AnomalyScorer.scoreAll(y, n));
    }
  }

  @Test
  void warmUpScoresZeroThenAFlatSeriesScoresLow() {
    double[] y = noise(2, 1000, 50, 1);
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    for (int i = 0; i < AnomalyScorer.WARMUP - 1; i++) {
      assertEquals(0.0, s[i], "warm-up row " + i);
    }
    long flagged = Arrays.stream(s).filter(v -> v >= AnomalyScorer.THRESHOLD).count();
    assertTrue(flagged <= 10, flagged + " of 1000 noise rows flagged");
  }

  @Test
  void aSpikeScoresHigherThanEveryRowBeforeIt() {
    double[] y = noise(3, 800, 50, 1);
    y[700] = 70;
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    double before = Arrays.stream(s, 0, 700).max().orElseThrow();
    assertTrue(s[700] > before, s[700] + " vs " + before);
    assertTrue(s[700] >= AnomalyScorer.THRESHOLD, "spike " + s[700]);
    assertTrue(s[700] < 1, "no saturation at 1");
  }

  @Test
  void aLargerSpikeScoresHigherThanASmallerOneDoesNotSaturate() {
    double[] a = noise(4, 600, 50, 1);
    double[] b = a.clone();
    a[550] = 60;
    b[550] = 90;
    double sa = AnomalyScorer.scoreAll(a, a.length)[550];
    double sb = AnomalyScorer.scoreAll(b, b.length)[550];
    assertTrue(sb > sa && sb < 1, sa + " then " + sb);
  }

  @Test
  void aLevelShiftScoresOnceThenTheNewLevelIsNormal() {
    double[] y = noise(5, 1500, 50, 1);
    for (int i = 1000; i < y.length; i++) {
      y[i] += 30;
    }
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    assertTrue(s[1000] >= AnomalyScorer.THRESHOLD, "the shift " + s[1000]);
    long after = Arrays.stream(s, 1001, 1500).filter(v -> v >= AnomalyScorer.THRESHOLD).count();
    assertTrue(after <= 3, after + " rows flagged after the shift");
  }

  @Test
  void aConstantSeriesScoresZeroAndItsFirstChangeHigh() {
    double[] y = new double[400];
    Arrays.fill(y, 42);
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    assertTrue(Arrays.stream(s).allMatch(v -> v == 0.0), "constant");
    y[300] = 43;
    s = AnomalyScorer.scoreAll(y, y.length);
    assertTrue(s[300] > 0.99 && s[300] < 1, "first change " + s[300]);
    assertInRange(s);
  }

  @Test
  void gapsAndNaNScoreZeroAndDoNotDisturbTheRest() {
    double[] y = noise(6, 1000, 50, 1);
    double[] gappy = y.clone();
    Arrays.fill(gappy, 400, 460, Double.NaN);
    gappy[700] = Double.NEGATIVE_INFINITY;
    double[] s = AnomalyScorer.scoreAll(gappy, gappy.length);
    for (int i = 400; i < 460; i++) {
      assertEquals(0.0, s[i]);
    }
    assertEquals(0.0, s[700]);
    long flagged = Arrays.stream(s).filter(v -> v >= AnomalyScorer.THRESHOLD).count();
    assertTrue(flagged <= 10, flagged + " flagged on a gappy noise series");
    assertTrue(Arrays.stream(AnomalyScorer.scoreAll(new double[300], 0)).allMatch(v -> v == 0));
    double[] allNaN = new double[300];
    Arrays.fill(allNaN, Double.NaN);
    assertTrue(Arrays.stream(AnomalyScorer.scoreAll(allNaN, 300)).allMatch(v -> v == 0));
  }

  @Test
  void aGapInASteadyFallIsNotAnAnomaly() {
    double[] y = new double[600];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1e9 - 1e6 * i; // a disk filling at a constant rate
    }
    y[400] = Double.NaN;
    y[598] = Double.NaN;
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    assertTrue(Arrays.stream(s).allMatch(v -> v == 0.0), "max " + Arrays.stream(s).max());
    AnomalyScorer.Latest last = AnomalyScorer.latest(y, y.length, 3);
    assertEquals(0.0, last.score());
    assertFalse(last.anomaly());
  }

  @Test
  void aCounterResetIsNotAnAnomaly() {
    Random rnd = new Random(8);
    double[] y = new double[1200];
    for (int i = 0; i < y.length; i++) {
      double inc = 100 + rnd.nextInt(20);
      // the process restarts before row 800: its counter starts again from 0
      y[i] = i == 0 ? 1e6 : (i == 800 ? 0 : y[i - 1]) + inc;
    }
    double[] s = AnomalyScorer.scoreAll(y, y.length);
    double max = Arrays.stream(s, 700, 1200).max().orElseThrow();
    assertTrue(max < AnomalyScorer.THRESHOLD, "reset scored " + max);
  }

  @Test
  void theSurpriseGrowsWithoutBound() {
    assertEquals(0, AnomalyScorer.tailLog10(0), 1e-12);
    assertEquals(-Math.log10(0.05), AnomalyScorer.tailLog10(1.959964), 1e-5);
    assertTrue(AnomalyScorer.tailLog10(9) > AnomalyScorer.tailLog10(7.99));
    assertTrue(Double.isFinite(AnomalyScorer.tailLog10(1e300)));
    for (double x = 0; x < 6; x += 0.01) {
      double exact = org.apache.commons.math3.special.Erf.erfc(x);
      assertEquals(exact, AnomalyScorer.erfc(x), 2e-7 * exact, "erfc(" + x + ")");
    }
  }
}
