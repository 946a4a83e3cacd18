package io.hostwatch.forecaster.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a raw, regularly stepped series (NaN where a sample is missing) into one the models can
 * fit: leading and trailing gaps cut, inner gaps interpolated, counter resets undone, and each
 * repair recorded as a {@link DataIssue}.
 */
public final class SeriesCleaner {
  /** A counter is a series whose differences are almost all non-negative. */
  static final double COUNTER_MONOTONE_SHARE = 0.99;

  /** A reset drops a counter to below this share of its previous value. */
  static final double RESET_DROP = 0.1;

  private SeriesCleaner() {}

  /**
   * The cleaned series.
   *
   * @param y the values, length n; no NaN
   * @param trailingMissing steps between the last sample and the end of the raw series
   */
  public record Cleaned(double[] y, int n, int trailingMissing, Set<DataIssue> issues) {}

  /** Cleans {@code raw[0..len)}; never throws. */
  public static Cleaned clean(double[] raw, int len) {
    Set<DataIssue> issues = EnumSet.noneOf(DataIssue.class);
    int first = 0;
    while (first < len && !Double.isFinite(raw[first])) {
      first++;
    }
    int last = len - 1;
    while (last >= first && !Double.isFinite(raw[last])) {
      last--;
    }
    if (first > last) {
      issues.add(DataIssue.EMPTY);
      return new Cleaned(new double[0], 0, len, issues);
    }
    int n = last - first + 1;
    double[] y = new double[n];
    int missing = 0;
    for (int i = 0; i < n; i++) {
      double v = raw[first + i];
      y[i] = Double.isFinite(v) ? v : Double.NaN;
      if (Double.isNaN(y[i])) {
        missing++;
      }
    }
    int trailing = len - 1 - last;
    if (trailing > 0) {
      issues.add(DataIssue.STALE);
    }
    if (missing > 0) {
      issues.add(DataIssue.GAPS_FILLED);
      if (missing * 2 > n) {
        issues.add(DataIssue.TOO_SPARSE);
      }
      interpolate(y, n);
    }
    if (undoCounterResets(y, n)) {
      issues.add(DataIssue.COUNTER_RESET);
    }
    if (isConstant(y, n)) {
      issues.add(DataIssue.CONSTANT);
    }
    return new Cleaned(y, n, trailing, issues);
  }

  private static void interpolate(double[] y, int n) {
    int i = 0;
    while (i < n) {
      if (!Double.isNaN(y[i])) {
        i++;
        continue;
      }
      int j = i;
      while (Double.isNaN(y[j])) {
        j++; // y[n-1] is finite, so this stops
      }
      double a = y[i - 1]; // y[0] is finite, so i >= 1
      double b = y[j];
      for (int k = i; k < j; k++) {
        y[k] = a + (b - a) * (k - i + 1) / (j - i + 1);
      }
      i = j;
    }
  }

  /** Undoes resets of a non-negative monotone counter as Prometheus' rate() does. */
  static boolean undoCounterResets(double[] y, int n) {
    if (n < 3) {
      return false;
    }
    int drops = 0;
    for (int i = 1; i < n; i++) {
      if (y[i - 1] < 0) {
        return false;
      }
      if (y[i] < y[i - 1]) {
        if (y[i] > RESET_DROP * y[i - 1] || y[i] < 0) {
          return false; // a gauge going down, not a counter restarting
        }
        drops++;
      }
    }
    if (drops == 0 || drops > Math.max(1, (1 - COUNTER_MONOTONE_SHARE) * (n - 1))) {
      return false;
    }
    double offset = 0;
    double prevRaw = y[0];
    for (int i = 1; i < n; i++) {
      double raw = y[i];
      if (raw < prevRaw) {
        offset += prevRaw;
      }
      prevRaw = raw;
      y[i] = raw + offset;
    }
    return true;
  }

  private static boolean isConstant(double[] y, int n) {
    for (int i = 1; i < n; i++) {
      if (y[i] != y[0]) {
        return false;
      }
    }
    return true;
  }
}
