package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.textfile.MetricFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * node_exporter's scrape {@code before} ours ({@code mine}) and {@code after} it, on the same host:
 * both read the same kernel counters, so a figure of ours that only grows lies between
 * node_exporter's two readings.
 */
record Readings(Scrape before, Scrape mine, Scrape after) {

  /** One USER_HZ tick of slack for seconds derived from jiffies, and rounding. */
  static double counterTolerance(double value) {
    return 0.011 + 1e-9 * Math.abs(value);
  }

  /** What a between-the-readings check found: the families it compared, and what lay outside. */
  record Between(Set<String> checked, List<String> outside) {}

  /**
   * Every series of ours in {@code families} between node_exporter's two readings of it; series
   * only one side has are left to the series-set tests.
   */
  Between between(Collection<String> families) {
    Set<String> checked = new TreeSet<>();
    List<String> outside = new ArrayList<>();
    for (String name : families) {
      Map<Map<String, String>, Double> lows = before.series(name);
      Map<Map<String, String>, Double> highs = after.series(name);
      for (Map.Entry<Map<String, String>, Double> e : mine.series(name).entrySet()) {
        Double lo = lows.get(e.getKey());
        Double hi = highs.get(e.getKey());
        if (lo == null || hi == null) {
          continue;
        }
        checked.add(name);
        double tolerance = counterTolerance(hi);
        double v = e.getValue();
        if (v < lo - tolerance || v > hi + tolerance) {
          outside.add(name + e.getKey() + " = " + v + ", node_exporter " + lo + " .. " + hi);
        }
      }
    }
    return new Between(checked, outside);
  }

  /** The counter families node_exporter has among {@code families} and we serve too. */
  Set<String> counters(Collection<String> families) {
    Set<String> out = new TreeSet<>();
    for (String name : families) {
      MetricFamily f = before.family(name);
      if (f != null && f.type() == MetricFamily.Type.COUNTER && mine.family(name) != null) {
        out.add(name);
      }
    }
    return out;
  }

  /** A value without labels within node_exporter's two readings, widened by {@code slack}. */
  boolean near(String name, double slack) {
    double lo = Math.min(before.value(name), after.value(name));
    double hi = Math.max(before.value(name), after.value(name));
    double v = mine.value(name);
    return v >= lo - slack && v <= hi + slack;
  }

  /** A label-less value of ours and node_exporter's two readings, for a failure message. */
  String describe(String name) {
    return name
        + " "
        + mine.value(name)
        + ", node_exporter "
        + before.value(name)
        + " .. "
        + after.value(name);
  }

  /**
   * For each sample: node_exporter has series, at least one of them we have too, and every series
   * both have is equal (which series each has is the series-set tests' to compare).
   */
  void assertEqualWhereBothHave(List<String> samples) {
    for (String sample : samples) {
      Map<Map<String, String>, Double> theirs = before.series(sample);
      Map<Map<String, String>, Double> ours = mine.series(sample);
      assertFalse(theirs.isEmpty(), "node_exporter shows no " + sample);
      List<String> unequal = new ArrayList<>();
      int common = 0;
      for (Map.Entry<Map<String, String>, Double> e : theirs.entrySet()) {
        Double m = ours.get(e.getKey());
        if (m != null) {
          common++;
          if (!m.equals(e.getValue())) {
            unequal.add(e.getKey() + ": " + e.getValue() + " vs ours " + m);
          }
        }
      }
      assertTrue(common > 0, "no series in common for " + sample + ": " + ours.keySet());
      assertEquals(List.of(), unequal, sample);
    }
  }
}
