package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.spec.Family;
import io.hostwatch.rulesgen.spec.Family.Unit;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.Spec.OverrideSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tests for one leveled node-mixin alert at one level, as {@link PercentAlertCases} does for the
 * percentage alerts: a host on the quiet side of the level stays quiet; a host past it is pending
 * before {@code for} and fires after; when it comes back it keeps firing for {@code
 * keep_firing_for}; and for each override of the level, two hosts with the same data, only one of
 * them matched, show that it applies to the matching host only.
 */
public final class CheckAlertCases {
  private CheckAlertCases() {}

  /**
   * How far from the level the quiet value sits, as a share of the room there is: the first whose
   * test data the rules see on no level is used.
   */
  private static final double[] QUIET_MARGINS = {1, 1.2, 0.9, 0.8, 0.7};

  static PromtoolCase build(Spec spec, CheckSpec c, Severity s, List<Rule> rules) {
    Set<Double> levels = new TreeSet<>(c.levels().values());
    spec.overrides()
        .forEach(o -> levels.addAll(o.checkLevels().getOrDefault(c.family(), Map.of()).values()));
    for (double margin : QUIET_MARGINS) {
      PromtoolCase tc = build(spec, c, s, rules, margin, levels);
      if (!tc.seesAValueOn(levels)) {
        return tc;
      }
    }
    throw new IllegalStateException(
        "no test data for " + c.family().alertName() + " keeps clear of the levels " + levels);
  }

  private static PromtoolCase build(
      Spec spec, CheckSpec c, Severity s, List<Rule> rules, double margin, Set<Double> levels) {
    Family f = c.family();
    int start = CheckSignals.firstValue(f);
    int fm = (int) PromtoolCase.minutes(c.forDuration());
    int k = (int) PromtoolCase.minutes(c.keepFiringFor());
    int drop = start + fm + 4;
    int total = drop + 5 + k + 4;
    double lvl = c.levels().get(s);
    double hit = past(f, lvl);
    double miss = f.below() ? lvl + margin * Math.min(lvl, (100 - lvl) / 2) : lvl * margin / 2;
    PromtoolCase tc =
        new PromtoolCase(
            f.alertName() + " " + s.label() + ": levels, for, keep_firing_for, overrides",
            total + 1);
    CheckSignals signals = new CheckSignals(c, tc, total);
    signals.drainFrom(hit);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    signals.host("quiet", base, constant(miss, total), true);
    double[] busy = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      busy[t] = t < drop ? hit : miss;
    }
    SimulatedHost busyHost = signals.host("busy", base, busy, true);
    if (f == Family.INODES_FILL) {
      // Few inodes free but none being used up: the prediction keeps it quiet.
      signals.host("flat", base, constant(hit, total), false);
    }
    boolean pairs = overridePairs(spec, signals, f, s, lvl, margin, base, total);
    PromtoolCase.Conditions cond = conditions(spec, f, signals);
    String side = f.below() ? "below " : "above ";
    String forText = Durations.format(c.forDuration());
    if (fm >= 1) {
      tc.check(
          start + fm - 1,
          "busy has been " + side + n(lvl) + " for less than " + forText + ": pending",
          rules,
          cond);
    }
    tc.check(
        start + fm + 2,
        "busy fires after "
            + forText
            + " "
            + side
            + n(lvl)
            + "; quiet never at "
            + s.label()
            + (f == Family.INODES_FILL ? "; flat is not running out, so never" : "")
            + (pairs ? "; of each override pair only the host past its own level" : ""),
        rules,
        cond);
    Rule first = rules.stream().filter(r -> r.severity().equals(s.label())).findFirst().get();
    int firstQuiet = firstFalse(cond.condition(busyHost, first), drop);
    if (k > 0) {
      tc.check(firstQuiet + k - 1, "busy is back, keep_firing_for holds it", rules, cond);
    }
    tc.check(firstQuiet + k, "busy is back and keep_firing_for has passed: resolved", rules, cond);
    return tc;
  }

  /** A value clearly past {@code lvl}: under half of it for free space, else well above it. */
  private static double past(Family f, double lvl) {
    if (f.below()) {
      return lvl * 0.45;
    }
    return f.unit() == Unit.SECONDS || f.unit() == Unit.NUMBER
        ? lvl * 1.5
        : lvl + Math.min(lvl, (100 - lvl) / 2);
  }

  private static boolean overridePairs(
      Spec spec,
      CheckSignals signals,
      Family f,
      Severity s,
      double lvl,
      double margin,
      Map<String, String> base,
      int total) {
    boolean any = false;
    for (int i = 0; i < spec.overrides().size(); i++) {
      OverrideSpec o = spec.overrides().get(i);
      Map<String, String> labels = new HashMap<>(base);
      labels.put("instance", "override-" + i + ":9100");
      labels.putAll(o.match());
      Double own = spec.levelFor(f, s, labels).orElse(lvl);
      if (!o.checkLevels().getOrDefault(f, Map.of()).containsKey(s)
          || own == lvl
          || !o.matches(labels)) {
        continue;
      }
      // Between the two levels; moved with the margin too, as a rate's first minutes ramp up
      // through fractions of it that may land on a level.
      double mid = lvl + (own - lvl) * margin / 2;
      signals.host("override-" + i, labels, constant(mid, total), true);
      Map<String, String> plain = new HashMap<>(base);
      plain.put("instance", "plain-" + i + ":9100");
      signals.host("plain-" + i, plain, constant(mid, total), true);
      any = true;
    }
    return any;
  }

  /** Past the level that applies to the host's labels, and any extra guard of the family. */
  private static PromtoolCase.Conditions conditions(Spec spec, Family f, CheckSignals signals) {
    return new PromtoolCase.Conditions() {
      @Override
      public boolean[] condition(SimulatedHost h, Rule r) {
        Severity sev = Severity.valueOf(r.severity().toUpperCase(java.util.Locale.ROOT));
        return spec.levelFor(f, sev, h.labels)
            .map(
                v -> {
                  boolean[] gate = signals.guard(h, r);
                  return PromtoolCase.where(
                      h.observed,
                      (t, x) -> (f.below() ? x < v : x > v) && (gate == null || gate[t]));
                })
            .orElse(null);
      }

      @Override
      public Map<String, String> extraLabels(SimulatedHost h) {
        return CheckSignals.alertLabels(f);
      }
    };
  }

  private static int firstFalse(boolean[] c, int from) {
    for (int t = from; t < c.length; t++) {
      if (!c[t]) {
        return t;
      }
    }
    throw new IllegalStateException("generated test data never comes back from the level");
  }

  private static double[] constant(double v, int total) {
    double[] p = new double[total + 1];
    java.util.Arrays.fill(p, v);
    return p;
  }

  static String n(double v) {
    return YamlWriter.number(v);
  }
}
