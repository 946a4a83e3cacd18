package io.hostwatch.forecaster.model;

/**
 * Robust level: the median of the last {@code window} samples, flat ahead. Server metrics are
 * mostly a level with bursts (CPU spikes, write bursts); the median is the forecast that minimises
 * absolute error there, where every mean-based model is pulled by the bursts. On the NAB AWS set it
 * is the single largest gain over predict_linear (the README). {@code auto} tries a few windows and
 * keeps the best per series.
 */
final class MedianModel implements Model {
  static final int[] WINDOWS = {6, 24, 72};

  /** Rolling evaluation visits at most this many origins (plus the tail). */
  static final int MAX_ROLLING_ORIGINS = 96;

  static final int TAIL = 8;

  private final int window;

  MedianModel(int window) {
    this.window = Math.max(1, window);
  }

  @Override
  public String name() {
    return "median";
  }

  @Override
  public int minPoints() {
    return 1;
  }

  @Override
  public Fitted fit(double[] y, int n) {
    return new Fit(window);
  }

  record Fit(int window) implements Fitted {
    @Override
    public String model() {
      return "median";
    }

    double at(double[] y, int t, double[] scratch) {
      int from = Math.max(0, t - window + 1);
      int m = t - from + 1;
      System.arraycopy(y, from, scratch, 0, m);
      return Stats.median(scratch, m);
    }

    @Override
    public void rolling(double[] y, int n, int[] hs, int first, double[][] out) {
      double[] scratch = new double[window];
      int stride = Math.max(1, (n - first) / MAX_ROLLING_ORIGINS);
      for (int t = first; t < n; t++) {
        boolean visit = (n - 1 - t) % stride == 0 || t >= n - TAIL;
        double v = visit ? at(y, t, scratch) : Double.NaN;
        for (int k = 0; k < hs.length; k++) {
          out[k][t] = v;
        }
      }
    }

    @Override
    public Path path(double[] y, int n) {
      double v = at(y, n - 1, new double[window]);
      return h -> v;
    }
  }
}
