package io.hostwatch.forecaster.model;

import java.util.Arrays;

/** Small numeric helpers on primitive arrays, allocation-free where it matters. */
final class Stats {
  private Stats() {}

  /** Median of a[0..m), reordering a (quickselect). NaN when m == 0. */
  static double median(double[] a, int m) {
    if (m == 0) {
      return Double.NaN;
    }
    if (m <= 16) { // insertion sort beats quickselect's bookkeeping on the small windows
      for (int i = 1; i < m; i++) {
        double v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return (m & 1) == 1 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
    }
    double hi = select(a, 0, m - 1, m / 2);
    if ((m & 1) == 1) {
      return hi;
    }
    double lo = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m / 2; i++) { // after select, the lower half holds the smaller values
      lo = Math.max(lo, a[i]);
    }
    return (lo + hi) / 2;
  }

  private static double select(double[] a, int lo, int hi, int k) {
    while (hi > lo) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double tmp = a[i];
          a[i] = a[j];
          a[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  /** Empirical quantile (type 7, linear between order statistics) of a sorted array. */
  static double quantileSorted(double[] sorted, int m, double p) {
    if (m == 0) {
      return Double.NaN;
    }
    double pos = p * (m - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(m - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  /** Fraction of sorted[0..m) strictly below x; 0 when empty. */
  static double rank(double[] sorted, int m, double x) {
    if (m == 0) {
      return 0;
    }
    int idx = Arrays.binarySearch(sorted, 0, m, x);
    if (idx < 0) {
      idx = -idx - 1;
    } else {
      while (idx > 0 && sorted[idx - 1] == x) {
        idx--;
      }
    }
    return (double) idx / m;
  }

  /** {median, 1.4826 × median absolute deviation} of the first differences of y[from..to). */
  static double[] diffStats(double[] y, int from, int to, double[] scratch) {
    int m = 0;
    for (int i = from + 1; i < to; i++) {
      scratch[m++] = y[i] - y[i - 1];
    }
    double med = median(scratch, m);
    for (int i = 0; i < m; i++) {
      scratch[i] = Math.abs(scratch[i] - med);
    }
    return new double[] {med, 1.4826 * median(scratch, m)};
  }
}
