package io.hostwatch.forecaster.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectorFilterTest {
  private static final List<String> HOSTS = List.of("h1:9100", "h2:9100");
  private static final String M = "instance=~\"h1:9100|h2:9100\"";

  private static String restrict(String q) {
    Optional<String> out = SelectorFilter.restrict(q, "instance", HOSTS);
    assertTrue(out.isPresent(), "declined: " + q);
    return out.get();
  }

  @Test
  void addsTheMatcherToBareAndBracedSelectors() {
    assertEquals("node_load1{" + M + "}", restrict("node_load1"));
    assertEquals(
        "node_filesystem_avail_bytes{" + M + ",fstype!~\"tmpfs|overlay\"}",
        restrict("node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\"}"));
    assertEquals("{" + M + ",__name__=\"up\"}", restrict("{__name__=\"up\"}"));
    assertEquals("x {" + M + "}", restrict("x {}"));
  }

  @Test
  void leavesFunctionsAggregationsGroupingLabelsRangesAndStringsAlone() {
    assertEquals(
        "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{" + M + ",mode=\"idle\"}[5m])))",
        restrict(
            "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))"));
    assertEquals(
        "sum(rate(a{"
            + M
            + "}[5m])) without (cpu, mode) / on(instance) group_left(job) b{"
            + M
            + "}",
        restrict("sum(rate(a[5m])) without (cpu, mode) / on(instance) group_left(job) b"));
    assertEquals(
        "label_replace(up{" + M + "}, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
        restrict("label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")"));
    assertEquals(
        "max_over_time(deriv(x{" + M + "}[1h])[1d:5m] offset 5m) > bool 0.5e1",
        restrict("max_over_time(deriv(x[1h])[1d:5m] offset 5m) > bool 0.5e1"));
    assertEquals(
        "a{" + M + "} and b{" + M + "} or c{" + M + "} unless d{" + M + "}",
        restrict("a and b or c unless d"));
    assertEquals("x{" + M + ",a=\"}{\"} # a comment: y", restrict("x{a=\"}{\"} # a comment: y"));
    assertEquals("x{" + M + "} > Inf", restrict("x > Inf"));
  }

  @Test
  void matchesValuesLiterally() {
    assertEquals(
        "x{instance=~\"a\\\\.b|c\\\\|d|e\\\"f\"}",
        SelectorFilter.restrict("x", "instance", List.of("a.b", "c|d", "e\"f")).orElseThrow());
  }

  @Test
  void declinesWhatItCannotFollowOrWhereThereIsNothingToNarrow() {
    assertTrue(SelectorFilter.restrict("vector(1)", "instance", HOSTS).isEmpty());
    assertTrue(SelectorFilter.restrict("x{a=\"b}", "instance", HOSTS).isEmpty());
    assertTrue(SelectorFilter.restrict("rate(x[5m)", "instance", HOSTS).isEmpty());
    assertTrue(SelectorFilter.restrict("sum by (a (x)", "instance", HOSTS).isEmpty());
  }
}
