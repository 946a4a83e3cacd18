package io.hostwatch.forecaster.model;

import java.util.Arrays;

/**
 * The last {@code capacity} values added, kept both in arrival order (to drop the oldest) and
 * sorted (to read quantiles in constant time). Adding costs two binary searches and one shift of
 * the values between the one leaving and the one arriving.
 */
final class SortedWindow {
  private final double[] ring;
  private final double[] sorted;
  private int head;
  private int size;

  SortedWindow(int capacity) {
    ring = new double[capacity];
    sorted = new double[capacity];
  }

  void add(double x) {
    if (size < ring.length) {
      int at = insertionPoint(x);
      System.arraycopy(sorted, at, sorted, at + 1, size - at);
      sorted[at] = x;
      size++;
    } else {
      // replace the oldest: shift only the values between its place and the new one's
      int out = Arrays.binarySearch(sorted, 0, size, ring[head]);
      int in = insertionPoint(x);
      if (in > out) {
        System.arraycopy(sorted, out + 1, sorted, out, in - out - 1);
        sorted[in - 1] = x;
      } else {
        System.arraycopy(sorted, in, sorted, in + 1, out - in);
        sorted[in] = x;
      }
    }
    ring[head] = x;
    head = (head + 1) % ring.length;
  }

  private int insertionPoint(double x) {
    int at = Arrays.binarySearch(sorted, 0, size, x);
    return at < 0 ? -at - 1 : at;
  }

  int size() {
    return size;
  }

  /** Empirical quantile p in [0, 1] (linear between order statistics); NaN when empty. */
  double quantile(double p) {
    return Stats.quantileSorted(sorted, size, p);
  }
}
