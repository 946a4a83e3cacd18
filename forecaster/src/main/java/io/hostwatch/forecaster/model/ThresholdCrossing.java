package io.hostwatch.forecaster.model;

/**
 * When a forecast path, and its band, first reach a threshold: the disk-fill alert's time until
 * full. The path is scanned at a stride of at most {@value #STRIDE} steps, then step by step back
 * from the first hit, so a seasonal path that touches the threshold at a peak is still caught when
 * the peak lasts a stride (40 minutes at 5-minute steps), at a fixed cost per series.
 */
final class ThresholdCrossing {
  static final int STRIDE = 8;

  private ThresholdCrossing() {}

  /**
   * {earliest, point, latest} steps until crossing, +Inf when not within {@code maxSteps}. {@code
   * current} decides the direction: a value above the threshold is watched going down.
   */
  static double[] find(
      Fitted.Path path, Residuals r, double current, double threshold, int offset, int maxSteps) {
    if (current == threshold) {
      return new double[] {0, 0, 0};
    }
    boolean falling = current > threshold;
    double[] found = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    int stride = Math.max(1, Math.min(STRIDE, maxSteps / 1024));
    int open = 3;
    for (int h = stride; open > 0 && h < maxSteps + stride; h += stride) {
      int at = Math.min(h, maxSteps);
      double[] v = curves(path, r, offset, at, falling);
      for (int c = 0; c < 3; c++) {
        if (found[c] == Double.POSITIVE_INFINITY && reached(v[c], threshold, falling)) {
          found[c] = at;
          open--;
          for (int back = Math.max(1, h - stride + 1); back < at; back++) {
            if (reached(curves(path, r, offset, back, falling)[c], threshold, falling)) {
              found[c] = back;
              break;
            }
          }
        }
      }
    }
    return new double[] {
      Math.min(found[0], found[1]), Math.min(found[1], found[2]), Math.max(found[2], found[1])
    };
  }

  /** {the band edge nearer the threshold, the point forecast, the farther edge} at h. */
  private static double[] curves(
      Fitted.Path path, Residuals r, int offset, int h, boolean falling) {
    double p = path.at(h + offset);
    double[] band = r.bandAt(h + offset);
    return falling
        ? new double[] {p + band[0], p, p + band[1]}
        : new double[] {p + band[1], p, p + band[0]};
  }

  private static boolean reached(double v, double threshold, boolean falling) {
    return falling ? v <= threshold : v >= threshold;
  }
}
