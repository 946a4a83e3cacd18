package io.hostwatch.forecaster.prom;

import java.util.Arrays;

/**
 * The samples of one series as received: grid positions and values, grown as samples arrive. A
 * series with three samples costs three, whatever the lookback; the dense grid is only built when
 * the series is fitted ({@link #toGrid}), one series at a time.
 */
public final class SampleBuffer {
  private int[] steps = new int[8];
  private double[] values = new double[8];
  private int size;

  void add(int step, double value) {
    if (size == steps.length) {
      int grown = size * 2;
      steps = Arrays.copyOf(steps, grown);
      values = Arrays.copyOf(values, grown);
    }
    steps[size] = step;
    values[size] = value;
    size++;
  }

  /** Appends {@code other}'s samples (a later chunk of the same series). */
  SampleBuffer addAll(SampleBuffer other) {
    for (int i = 0; i < other.size; i++) {
      add(other.steps[i], other.values[i]);
    }
    return this;
  }

  public int size() {
    return size;
  }

  /** The grid of {@code length} steps: each sample at its step, NaN where none arrived. */
  public double[] toGrid(int length) {
    double[] grid = new double[length];
    Arrays.fill(grid, Double.NaN);
    for (int i = 0; i < size; i++) {
      if (steps[i] >= 0 && steps[i] < length) {
        grid[steps[i]] = values[i];
      }
    }
    return grid;
  }
}
