package io.hostwatch.rulesgen.generate;

import io.hostwatch.rulesgen.dashboards.DashboardRenderer;
import io.hostwatch.rulesgen.promtool.RuleTestsRenderer;
import io.hostwatch.rulesgen.rules.RuleFilesRenderer;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.stack.StackConfigRenderer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders every output file from a validated {@link Spec}: path relative to the output folder to
 * content. Pure; writing is the caller's business.
 */
public final class Generator {
  private Generator() {}

  public static Map<String, String> render(Spec spec) {
    Map<String, String> out = new TreeMap<>();
    out.putAll(RuleFilesRenderer.render(spec));
    out.putAll(RuleTestsRenderer.render(spec));
    out.putAll(StackConfigRenderer.render(spec));
    out.putAll(DashboardRenderer.render(spec));
    return out;
  }
}
