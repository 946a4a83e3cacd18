package io.hostwatch.forecaster.model;

import java.util.Arrays;

/**
 * The last {@code capacity} values added, kept both in arrival order (to drop the oldest) and
 * sorted (to read quantiles in constant time). Adding costs one binary search and one array shift;
 * at the few thousand values a window holds that is a fraction of a microsecond.
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
    if (size == ring.length) {
      double old = ring[head];
      int at = Arrays.binarySearch(sorted, 0, size, old);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    ring[head] = x;
    head = (head + 1) % ring.length;
    int at = Arrays.binarySearch(sorted, 0, size, x);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = x;
    size++;
  }

  int size() {
    return size;
  }

  /** Empirical quantile p in [0, 1] (linear between order statistics); NaN when empty. */
  double quantile(double p) {
    return Stats.quantileSorted(sorted, size, p);
  }
}
