package io.hostwatch.alertwebhook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExpressionThresholdTest {
  @Test
  void readsATrailingComparison() {
    ExpressionThreshold t = ExpressionThreshold.parse("instance:node_cpu_busy:percent > 80");
    assertEquals("instance:node_cpu_busy:percent", t.query());
    assertEquals(80.0, t.threshold());
    assertEquals(
        0.5, ExpressionThreshold.parse("(rate(x_total{a=\">1\"}[5m]) >= bool 0.5)").threshold());
    assertEquals("vector(1)", ExpressionThreshold.parse("vector(1) > 0").query());
    assertEquals(-1e3, ExpressionThreshold.parse("m < -1e3").threshold());
  }

  @Test
  void noThresholdWhenTheComparisonIsNotAtTheTopLevel() {
    ExpressionThreshold t = ExpressionThreshold.parse("sum(x > 5)");
    assertEquals("sum(x > 5)", t.query());
    assertNull(t.threshold());
    assertNull(ExpressionThreshold.parse("absent(up)").threshold());
    assertNull(ExpressionThreshold.parse("x{a=\"<=\", b!=\"c\"}").threshold());
  }

  @Test
  void aSetOperatorTailIsNotPartOfTheComparison() {
    ExpressionThreshold t = ExpressionThreshold.parse("up == 0 and on() vector(1)");
    assertEquals("up", t.query());
    assertEquals(0.0, t.threshold());
  }

  @Test
  void aThresholdSeriesOnTheRightIsChartedAsTheLine() {
    ExpressionThreshold t =
        ExpressionThreshold.parse(
            "(\n  instance:node_filesystem_used:percent{job=\"node\"}\n"
                + "    > on(instance) group_left()\n"
                + "  hostwatch:threshold_filesystem_used:percent{severity=\"warning\"}\n)\n"
                + "unless on(instance, device, mountpoint)\n"
                + "node_filesystem_readonly{job=\"node\",fstype!~\"tmpfs|nsfs\"} == 1");
    assertEquals("instance:node_filesystem_used:percent{job=\"node\"}", t.query());
    assertNull(t.threshold());
    assertEquals(
        "hostwatch:threshold_filesystem_used:percent{severity=\"warning\"}", t.thresholdQuery());
    assertEquals(">", t.operator());
  }

  @Test
  void aNumberOnTheLeftIsStillTheThreshold() {
    ExpressionThreshold t = ExpressionThreshold.parse("90 < bool node_load1");
    assertEquals("node_load1", t.query());
    assertEquals(90.0, t.threshold());
    assertEquals(">", t.operator());
  }

  @Test
  void veryLongExpressionsAreChartedWithoutAnalysis() {
    String huge = "x" + " > 1".repeat(20_000) + " >";
    ExpressionThreshold t = ExpressionThreshold.parse(huge);
    assertEquals(huge, t.query());
    assertNull(t.threshold());
    String nested = "(".repeat(2000) + "x > 5" + ")".repeat(2000);
    assertEquals(5.0, ExpressionThreshold.parse(nested).threshold());
  }
}
