package io.hostwatch.forecaster.model;

/**
 * When a forecast path, and its band, first reach a threshold: the disk-fill alert's time until
 * full. The path is scanned step by step so seasonal paths that touch the threshold at a peak
 * count.
 */
final class ThresholdCrossing {
  private ThresholdCrossing() {}

  /**
   * {earliest, point, latest} steps until crossing, +Inf when not within {@code maxSteps}. {@code
   * current} decides the direction: a value above the threshold is watched going down.
   */
  static double[] find(
      Fitted.Path path, Residuals r, double current, double threshold, int offset, int maxSteps) {
    double inf = Double.POSITIVE_INFINITY;
    if (current == threshold) {
      return new double[] {0, 0, 0};
    }
    boolean falling = current > threshold;
    double early = inf;
    double mid = inf;
    double late = inf;
    for (int h = 1; h <= maxSteps && late == inf; h++) {
      double p = path.at(h + offset);
      double[] band = r.bandAt(h + offset);
      double optimistic = p + (falling ? band[0] : band[1]); // the band edge nearer the threshold
      double pessimistic = p + (falling ? band[1] : band[0]);
      if (early == inf && reached(optimistic, threshold, falling)) {
        early = h;
      }
      if (mid == inf && reached(p, threshold, falling)) {
        mid = h;
      }
      if (reached(pessimistic, threshold, falling)) {
        late = h;
      }
    }
    return new double[] {Math.min(early, mid), Math.min(mid, late), late};
  }

  private static boolean reached(double v, double threshold, boolean falling) {
    return falling ? v <= threshold : v >= threshold;
  }
}
