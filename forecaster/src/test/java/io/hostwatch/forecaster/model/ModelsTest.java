package io.hostwatch.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** Each model on a series whose future is known: a line, a pure season, a step. */
class ModelsTest {
  static final int N = 600;

  static double[] line(int n, double a, double b) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = a + b * i;
    }
    return y;
  }

  static double[] season(int n, int m) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 10 + 5 * Math.sin(2 * Math.PI * i / m);
    }
    return y;
  }

  static double[] step(int n, int at, double before, double after) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < at ? before : after;
    }
    return y;
  }

  static double forecast(Model m, double[] y, int h) {
    return m.fit(y, y.length).path(y, y.length).at(h);
  }

  @Test
  void trendModelsExtrapolateALine() {
    double[] y = line(N, 3, 2);
    double truth = 3 + 2 * (N - 1 + 12);
    assertEquals(truth, forecast(new LinearModel(73), y, 12), 1e-6);
    assertEquals(truth, forecast(new TheilSenModel(), y, 12), 1e-6);
    // damping (φ < 1) bends the trend a little: within 10 % of the 12-step increment
    assertEquals(truth, forecast(new DampedHoltModel(), y, 12), 0.1 * 24);
    // Theta extrapolates half the slope from the last level (Hyndman & Billah)
    double theta = forecast(new ThetaModel(), y, 12);
    assertTrue(theta > y[N - 1] && theta <= truth + 1e-6, "theta " + theta);
  }

  @Test
  void predictLinearMatchesOrdinaryLeastSquares() {
    Random rnd = new Random(7);
    double[] y = new double[200];
    for (int i = 0; i < y.length; i++) {
      y[i] = 5 + 0.3 * i + rnd.nextGaussian();
    }
    SimpleRegression reg = new SimpleRegression();
    for (int i = 200 - 73; i < 200; i++) {
      reg.addData(i, y[i]);
    }
    assertEquals(reg.predict(199 + 12), PredictLinear.at(y, 199, 73, 12), 1e-9);
  }

  @Test
  void linearRollingWithRunningSumsEqualsDirectFit() {
    Random rnd = new Random(3);
    double[] y = new double[1000];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1e11 + 1e6 * rnd.nextGaussian() - 1e4 * i; // byte-sized values
    }
    LinearModel m = new LinearModel(73);
    double[][] out = new double[1][y.length];
    m.rolling(y, y.length, new int[] {12}, 10, out);
    for (int t = 10; t < y.length; t++) {
      assertEquals(PredictLinear.at(y, t, 73, 12), out[0][t], 1e-3 * 1e6, "origin " + t);
    }
  }

  @Test
  void seasonalModelsRepeatAPureSeason() {
    int m = 24;
    double[] y = season(10 * m, m);
    for (int h : new int[] {1, 5, 24, 30}) {
      double truth = 10 + 5 * Math.sin(2 * Math.PI * (y.length - 1 + h) / m);
      assertEquals(truth, forecast(new SeasonalNaiveModel(m), y, h), 1e-9, "naive h=" + h);
      assertEquals(truth, forecast(new SeasonalMedianModel(m), y, h), 1e-9, "median h=" + h);
      assertEquals(truth, forecast(new HoltWintersModel(m), y, h), 0.25, "hw h=" + h);
    }
  }

  @Test
  void levelModelsFollowAStep() {
    double[] y = step(N, 500, 0, 10);
    assertEquals(10, forecast(new MedianModel(24), y, 12), 1e-9);
    assertEquals(10, forecast(new TheilSenModel(), y, 12), 1e-9);
    assertEquals(10, forecast(new DampedHoltModel(), y, 12), 0.5);
    assertEquals(10, forecast(new SeasonalNaiveModel(24), y, 12), 1e-9);
  }

  @Test
  void theilSenRestartsItsTrendAfterAnUpwardJump() {
    // disk space falling 1/step, a cleanup frees 300 at step 400, then it falls 2/step
    double[] y = new double[N];
    double v = 1000;
    for (int i = 0; i < N; i++) {
      v -= i < 400 ? 1 : 2;
      if (i == 400) {
        v += 300;
      }
      y[i] = v;
    }
    assertEquals(y[N - 1] - 2 * 12, forecast(new TheilSenModel(), y, 12), 1e-6);
  }

  @Test
  void medianIgnoresBursts() {
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % 10 == 0 ? 100 : 5;
    }
    assertEquals(5, forecast(new MedianModel(24), y, 12), 1e-9);
  }

  @Test
  void rollingForecastsNeverLookPastTheirOrigin() {
    Random rnd = new Random(11);
    double[] y = new double[800];
    for (int i = 0; i < y.length; i++) {
      y[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 96) + rnd.nextGaussian();
    }
    ForecastSpec spec = ForecastSpec.of(ModelKind.AUTO, 12).withSeason(96);
    int[] hs = {1, 12};
    for (Model m : ModelSelector.candidates(ModelKind.AUTO, spec, y.length)) {
      Fitted f = m.fit(y, y.length);
      double[][] full = new double[2][y.length];
      f.rolling(y, y.length, hs, 500, full);
      int origin = 600;
      while (Double.isNaN(full[0][origin])) {
        origin++; // models that thin their origins: take the next one they evaluated
      }
      double[] cut = java.util.Arrays.copyOf(y, origin + 1);
      double[][] part = new double[2][origin + 1];
      f.rolling(cut, origin + 1, hs, 500, part); // the last origin is always evaluated
      for (int k = 0; k < 2; k++) {
        assertEquals(part[k][origin], full[k][origin], 1e-9, m.name() + " h=" + hs[k]);
      }
    }
  }
}
