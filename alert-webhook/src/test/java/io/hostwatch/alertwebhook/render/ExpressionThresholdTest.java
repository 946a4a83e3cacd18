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
    assertNull(ExpressionThreshold.parse("up == 0 and on() vector(1)").threshold());
    assertNull(ExpressionThreshold.parse("absent(up)").threshold());
  }
}
