package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.DiskFillSpec;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HostDiskWillFill: a draining filesystem fires; a full but flat one does not; the guards (floor,
 * read-only) hold; a host the forecaster covers follows the forecaster, not predict_linear.
 */
public final class DiskFillAlertCases {
  private static final Map<String, String> FS = PercentAlertCases.fs("/dev/sda1", "ext4", "/");

  private DiskFillAlertCases() {}

  static PromtoolCase build(Spec spec, DiskFillSpec d, List<Rule> rules) {
    int f = (int) PromtoolCase.minutes(d.forDuration());
    int k = (int) PromtoolCase.minutes(d.keepFiringFor());
    int check = f + 3;
    int stop = check + 2;
    int total = stop + k + 3;
    long within = d.within().toSeconds();
    // Time to full falls by 60 s a minute and is N + 0.5 s, far from a whole second.
    double etaAtCheck = Math.floor(within / 4.0) + 0.5;
    PromtoolCase tc =
        new PromtoolCase("HostDiskWillFill: drain, flat, guards, forecaster", total + 1);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    double above = (d.floor() + 100) / 2;
    draining(tc, base, "draining", etaAtCheck, check, above, 0, total);
    flat(tc, base, "full-flat", 97, total);
    if (d.floor() > 1) {
      draining(tc, base, "below-floor", etaAtCheck, check, d.floor() / 2, 0, total);
    }
    draining(tc, base, "read-only", etaAtCheck, check, above, 1, total);
    SimulatedHost fc = flat(tc, base, "forecast", 60, total);
    double fcEta = Math.floor(within / 2.0) + 0.5;
    StringBuilder v = new StringBuilder();
    double[] fcObserved = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      fcObserved[t] = t < stop ? fcEta : Double.POSITIVE_INFINITY;
      v.append(t == 0 ? "" : " ").append(t < stop ? YamlWriter.number(fcEta) : "Inf");
    }
    fc.input(RulesCatalog.TIME_TO_FULL, forecastLabels(), v.toString());
    fc.observed = fcObserved;
    SimulatedHost never = draining(tc, base, "forecast-never", etaAtCheck, check, above, 0, total);
    never.input(
        RulesCatalog.TIME_TO_FULL,
        forecastLabels(),
        String.join(" ", java.util.Collections.nCopies(total + 1, "Inf")));
    never.observed = new double[total + 1];
    java.util.Arrays.fill(never.observed, Double.POSITIVE_INFINITY);
    PromtoolCase.Conditions cond =
        new PromtoolCase.Conditions() {
          @Override
          public boolean[] condition(SimulatedHost h, Rule r) {
            if (h.name.equals("below-floor") || h.name.equals("read-only")) {
              return new boolean[h.observed.length];
            }
            return PromtoolCase.where(h.observed, (t, x) -> x >= 0 && x < within);
          }

          @Override
          public Map<String, String> extraLabels(SimulatedHost h) {
            return FS;
          }
        };
    String forText = Durations.format(d.forDuration());
    if (f >= 2) {
      tc.check(
          f - 1,
          "draining: full in under "
              + Durations.format(d.within())
              + " for less than "
              + forText
              + ": pending",
          rules,
          cond);
    }
    tc.check(
        check,
        "draining and forecast fire; full-flat, below-floor, read-only and forecast-never do not",
        rules,
        cond);
    if (k > 0) {
      tc.check(
          stop + k - 1,
          "the forecaster says never now; keep_firing_for holds forecast",
          rules,
          cond);
    }
    tc.check(stop + k, "forecast resolved once keep_firing_for has passed", rules, cond);
    return tc;
  }

  private static Map<String, String> forecastLabels() {
    Map<String, String> l = new HashMap<>(FS);
    l.put("forecast", RulesCatalog.DISK_FORECAST);
    return l;
  }

  /** Avail falls 60 bytes a minute (1 B/s), so time to full = avail seconds. */
  private static SimulatedHost draining(
      PromtoolCase tc,
      Map<String, String> base,
      String name,
      double etaAtCheck,
      int check,
      double usedPercent,
      int readonly,
      int total) {
    SimulatedHost h = tc.host(new SimulatedHost(name, with(base, name)));
    double availAtCheck = etaAtCheck;
    double size = availAtCheck / (1 - usedPercent / 100);
    BigDecimal start = BigDecimal.valueOf(availAtCheck).add(BigDecimal.valueOf(60L * check));
    h.input("up", Map.of(), PercentAlertCases.series(1, total));
    h.input(
        "node_filesystem_size_bytes",
        FS,
        YamlWriter.number(Math.ceil(size + 60.0 * check)) + "x" + total);
    h.input("node_filesystem_avail_bytes", FS, start.toPlainString() + "-60x" + total);
    h.input("node_filesystem_readonly", FS, readonly + "x" + total);
    h.observed = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      h.observed[t] = t == 0 ? Double.NaN : etaAtCheck + 60.0 * (check - t);
    }
    return h;
  }

  private static SimulatedHost flat(
      PromtoolCase tc, Map<String, String> base, String name, double used, int total) {
    SimulatedHost h = tc.host(new SimulatedHost(name, with(base, name)));
    h.input("up", Map.of(), PercentAlertCases.series(1, total));
    h.input("node_filesystem_size_bytes", FS, "1000x" + total);
    h.input("node_filesystem_avail_bytes", FS, YamlWriter.number(1000 - used * 10) + "x" + total);
    h.input("node_filesystem_readonly", FS, "0x" + total);
    h.observed = new double[total + 1];
    java.util.Arrays.fill(h.observed, Double.NaN);
    return h;
  }

  private static Map<String, String> with(Map<String, String> base, String name) {
    Map<String, String> l = new HashMap<>(base);
    l.put("instance", name + ":9100");
    return l;
  }
}
