package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.AnomalySpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HostAnomaly: a flag that stays 0 is quiet; a raised flag fires after {@code for} on every named
 * forecast; a flag raised while the series warms up, or on a forecast not named, never fires.
 */
public final class AnomalyAlertCases {
  private AnomalyAlertCases() {}

  static PromtoolCase build(Spec spec, AnomalySpec a, List<Rule> rules) {
    int f = (int) PromtoolCase.minutes(a.forDuration());
    int k = (int) PromtoolCase.minutes(a.keepFiringFor());
    int up = 2;
    int down = up + f + 3;
    int total = down + k + 3;
    PromtoolCase tc =
        new PromtoolCase("HostAnomaly: flag, for, warm-up, named forecasts", total + 1);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    Map<String, String> forecastOf = new HashMap<>();
    String first = a.forecasts().get(0).forecastName();
    host(tc, base, forecastOf, "steady", first, t -> 0, t -> 0, total);
    for (Kind kind : a.forecasts()) {
      String name = kind.forecastName();
      host(
          tc,
          base,
          forecastOf,
          "anomalous-" + name.replace('_', '-'),
          name,
          t -> t >= up && t < down ? 1 : 0,
          t -> 0,
          total);
    }
    host(tc, base, forecastOf, "warming-up", first, t -> 1, t -> 1, total);
    host(tc, base, forecastOf, "not-named", "not_named", t -> 1, t -> 0, total);
    PromtoolCase.Conditions cond =
        new PromtoolCase.Conditions() {
          @Override
          public boolean[] condition(SimulatedHost h, Rule r) {
            if (h.name.equals("warming-up") || h.name.equals("not-named")) {
              return new boolean[h.observed.length];
            }
            return PromtoolCase.where(h.observed, (t, v) -> v == 1);
          }

          @Override
          public Map<String, String> extraLabels(SimulatedHost h) {
            return Map.of("forecast", forecastOf.get(h.name));
          }
        };
    String forText = Durations.format(a.forDuration());
    if (f >= 1) {
      tc.check(up + f - 1, "flagged for less than " + forText + ": pending", rules, cond);
    }
    tc.check(
        up + f + 1,
        "flagged for " + forText + ": fires; steady, warming-up and not-named never",
        rules,
        cond);
    if (k > 0) {
      tc.check(down + k - 1, "flag down again, keep_firing_for holds the alert", rules, cond);
    }
    tc.check(down + k, "flag down and keep_firing_for has passed: resolved", rules, cond);
    return tc;
  }

  private static void host(
      PromtoolCase tc,
      Map<String, String> base,
      Map<String, String> forecastOf,
      String name,
      String forecast,
      java.util.function.IntUnaryOperator flag,
      java.util.function.IntUnaryOperator warmingUp,
      int total) {
    Map<String, String> labels = new HashMap<>(base);
    labels.put("instance", name + ":9100");
    SimulatedHost h = tc.host(new SimulatedHost(name, labels));
    forecastOf.put(name, forecast);
    h.observed = new double[total + 1];
    StringBuilder flags = new StringBuilder();
    StringBuilder warm = new StringBuilder();
    for (int t = 0; t <= total; t++) {
      h.observed[t] = flag.applyAsInt(t);
      flags.append(t == 0 ? "" : " ").append(flag.applyAsInt(t));
      warm.append(t == 0 ? "" : " ").append(warmingUp.applyAsInt(t));
    }
    Map<String, String> extra = Map.of("forecast", forecast);
    h.input(RulesCatalog.ANOMALY_FLAG, extra, flags.toString());
    h.input(RulesCatalog.ANOMALY_WARMING_UP, extra, warm.toString());
  }
}
