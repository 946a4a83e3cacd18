package io.hostwatch.forecaster.model;

/**
 * The largest of the last {@code capacity} values added, in amortised constant time (a monotone
 * queue: a value is dropped once a later, larger one arrives or it leaves the window).
 */
final class WindowMax {
  private final int capacity;
  private final double[] values;
  private final long[] index;
  private int head;
  private int size;
  private long added;

  WindowMax(int capacity) {
    this.capacity = capacity;
    values = new double[capacity];
    index = new long[capacity];
  }

  void add(double x) {
    if (size > 0 && index[head] <= added - capacity) { // leaves the window as x enters it
      head = (head + 1) % capacity;
      size--;
    }
    while (size > 0 && values[slot(size - 1)] <= x) {
      size--;
    }
    values[slot(size)] = x;
    index[slot(size)] = added;
    size++;
    added++;
  }

  /** The largest value in the window; 0 when empty. */
  double max() {
    return size == 0 ? 0 : values[head];
  }

  private int slot(int i) {
    return (head + i) % capacity;
  }
}
