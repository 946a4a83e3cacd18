package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.spec.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HostDown: a host that stays up is quiet; one that goes down fires after {@code for}. */
public final class HostDownAlertCases {
  private HostDownAlertCases() {}

  static PromtoolCase build(Spec spec, Spec.HostDownSpec h, List<Rule> rules) {
    int f = (int) PromtoolCase.minutes(h.forDuration());
    int k = (int) PromtoolCase.minutes(h.keepFiringFor());
    int down = 2;
    int back = down + f + 3;
    int total = back + k + 3;
    PromtoolCase tc = new PromtoolCase("HostDown: for, keep_firing_for", total + 1);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    SimulatedHost ok = tc.host(new SimulatedHost("ok", with(base, "ok:9100")));
    ok.input("up", Map.of(), PercentAlertCases.series(1, total));
    ok.observed = new double[total + 1];
    java.util.Arrays.fill(ok.observed, 1);
    SimulatedHost flaky = tc.host(new SimulatedHost("flaky", with(base, "flaky:9100")));
    flaky.observed = new double[total + 1];
    StringBuilder values = new StringBuilder();
    for (int t = 0; t <= total; t++) {
      flaky.observed[t] = t >= down && t < back ? 0 : 1;
      values.append(t == 0 ? "" : " ").append((int) flaky.observed[t]);
    }
    flaky.input("up", Map.of(), values.toString());
    PromtoolCase.Conditions cond = (host, r) -> PromtoolCase.where(host.observed, (t, v) -> v == 0);
    String forText = Durations.format(h.forDuration());
    if (f >= 1) {
      tc.check(down + f - 1, "flaky is down for less than " + forText + ": pending", rules, cond);
    }
    tc.check(down + f + 1, "flaky has been down for " + forText + ": fires; ok never", rules, cond);
    if (k > 0) {
      tc.check(back + k - 1, "flaky is back, keep_firing_for holds the alert", rules, cond);
    }
    tc.check(back + k, "flaky is back and keep_firing_for has passed: resolved", rules, cond);
    return tc;
  }

  private static Map<String, String> with(Map<String, String> base, String instance) {
    Map<String, String> l = new HashMap<>(base);
    l.put("instance", instance);
    return l;
  }
}
