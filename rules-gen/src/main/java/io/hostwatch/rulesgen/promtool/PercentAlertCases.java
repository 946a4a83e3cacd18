package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.LevelSpec;
import io.hostwatch.rulesgen.spec.Spec.OverrideSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tests for one percentage alert at one level: a host below the level stays quiet; a host above it
 * is pending before {@code for} and fires after; when it drops it keeps firing for {@code
 * keep_firing_for}; and for each override that changes the level, two hosts with the same data,
 * only one of them matched by the override, show that it applies to the matching host only.
 */
public final class PercentAlertCases {
  private static final Map<String, String> ROOT_FS =
      Map.of("device", "/dev/sda1", "fstype", "ext4", "mountpoint", "/");

  private PercentAlertCases() {}

  /** rate() needs two samples: the CPU percentage exists from the second minute on. */
  private static final int CPU_FIRST_VALUE = 1;

  /**
   * How far below its usual place the quiet value may move (in percent points, or quarters of the
   * level below 5 %): the first of these whose test data the rules see on no level is used.
   */
  private static final double[] LOW_VALUE_SHIFTS = {0, 0.35, 0.7, 1.05, 1.4};

  static PromtoolCase build(Spec spec, LevelSpec level, Severity s, List<Rule> rules) {
    Set<Double> levels = new TreeSet<>(level.levels().values());
    spec.overrides()
        .forEach(o -> levels.addAll(o.levels().getOrDefault(level.kind(), Map.of()).values()));
    for (double shift : LOW_VALUE_SHIFTS) {
      PromtoolCase tc = build(spec, level, s, rules, shift, levels);
      if (!tc.seesAValueOn(levels)) {
        return tc;
      }
    }
    throw new IllegalStateException(
        "no test data for " + level.kind().alertName() + " keeps clear of the levels " + levels);
  }

  private static PromtoolCase build(
      Spec spec,
      LevelSpec level,
      Severity s,
      List<Rule> rules,
      double lowShift,
      Set<Double> avoid) {
    Kind kind = level.kind();
    int start = kind == Kind.CPU ? CPU_FIRST_VALUE : 0;
    int f = (int) PromtoolCase.minutes(level.forDuration());
    int k = (int) PromtoolCase.minutes(level.keepFiringFor());
    int drop = start + f + 4;
    int total = drop + 5 + k + 4;
    double lvl = level.levels().get(s);
    double high = nudge(lvl + Math.min(5, (100 - lvl) / 2), avoid, true);
    // Below 5 the low value is a share of the level, so it stays above 0 and below the level
    // however small the level is; each shift moves it further down.
    double low = nudge(lvl >= 5 ? lvl - 4.75 - lowShift : lvl * (0.5 - lowShift / 4), avoid, false);
    PromtoolCase tc =
        new PromtoolCase(
            kind.alertName() + " " + s.label() + ": levels, for, keep_firing_for, overrides",
            total + 1);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    host(tc, kind, "quiet", base, constant(low, total));
    double[] busy = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      busy[t] = t < drop ? high : low;
    }
    SimulatedHost busyHost = host(tc, kind, "busy", base, busy);
    if (kind == Kind.DISK) {
      excludedFilesystems(busyHost, total);
    }
    List<String> overridden = overridePairs(spec, tc, kind, s, lvl, base, avoid, total);
    PromtoolCase.Conditions cond = conditions(spec, kind);
    String forText = Durations.format(level.forDuration());
    if (f >= 1) {
      tc.check(
          start + f - 1,
          "busy has been above " + n(lvl) + " for less than " + forText + ": pending, not firing",
          rules,
          cond);
    }
    String note =
        overridden.isEmpty() ? "" : "; of each override pair only the host above its own level";
    tc.check(
        start + f + 2,
        "busy fires after "
            + forText
            + " above "
            + n(lvl)
            + "; quiet ("
            + n(low)
            + ") never at "
            + s.label()
            + note,
        rules,
        cond);
    int firstQuiet = firstFalse(cond.condition(busyHost, ruleFor(rules, s)), drop);
    if (k > 0) {
      tc.check(
          firstQuiet + k - 1,
          "busy is back below, keep_firing_for "
              + Durations.format(level.keepFiringFor())
              + " holds it",
          rules,
          cond);
    }
    tc.check(
        firstQuiet + k, "busy is back below and keep_firing_for has passed: resolved", rules, cond);
    return tc;
  }

  /** Full pseudo and read-only filesystems on the busy host: excluded, so they never fire. */
  private static void excludedFilesystems(SimulatedHost busyHost, int total) {
    // Pseudo and read-only filesystems are excluded: full ones here must never fire.
    busyHost.input("node_filesystem_size_bytes", fs("tmpfs", "tmpfs", "/run"), series(1000, total));
    busyHost.input("node_filesystem_avail_bytes", fs("tmpfs", "tmpfs", "/run"), series(10, total));
    busyHost.input("node_filesystem_readonly", fs("tmpfs", "tmpfs", "/run"), series(0, total));
    busyHost.input(
        "node_filesystem_size_bytes", fs("/dev/sdb1", "ext4", "/snap"), series(1000, total));
    busyHost.input(
        "node_filesystem_avail_bytes", fs("/dev/sdb1", "ext4", "/snap"), series(10, total));
    busyHost.input("node_filesystem_readonly", fs("/dev/sdb1", "ext4", "/snap"), series(1, total));
  }

  /** A host is above a level when its value exceeds the level that applies to its labels. */
  private static PromtoolCase.Conditions conditions(Spec spec, Kind kind) {
    return new PromtoolCase.Conditions() {
      @Override
      public boolean[] condition(SimulatedHost h, Rule r) {
        Severity sev = Severity.valueOf(r.severity().toUpperCase(java.util.Locale.ROOT));
        return spec.levelFor(kind, sev, h.labels)
            .map(v -> PromtoolCase.above(h.observed, v))
            .orElse(null);
      }

      @Override
      public Map<String, String> extraLabels(SimulatedHost h) {
        return kind == Kind.DISK ? ROOT_FS : Map.of();
      }
    };
  }

  private static List<String> overridePairs(
      Spec spec,
      PromtoolCase tc,
      Kind kind,
      Severity s,
      double lvl,
      Map<String, String> base,
      Set<Double> avoid,
      int total) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < spec.overrides().size(); i++) {
      OverrideSpec o = spec.overrides().get(i);
      Map<String, String> labels = new HashMap<>(base);
      labels.put("instance", "override-" + i + ":9100");
      labels.putAll(o.match());
      Double own = spec.levelFor(kind, s, labels).orElse(lvl);
      if (!o.levels().getOrDefault(kind, Map.of()).containsKey(s)
          || own == lvl
          || !o.matches(labels)) {
        continue;
      }
      double gap = Math.abs(own - lvl);
      // Halfway between the two levels: on the quarter grid when they are far apart (readable
      // test data), exact when they are close.
      double mid =
          nudge(gap >= 1 ? Math.round((own + lvl) * 2) / 4.0 : (own + lvl) / 2, avoid, own > lvl);
      host(tc, kind, "override-" + i, labels, constant(mid, total));
      Map<String, String> plain = new HashMap<>(base);
      plain.put("instance", "plain-" + i + ":9100");
      host(tc, kind, "plain-" + i, plain, constant(mid, total));
      names.add("override-" + i);
    }
    return names;
  }

  private static Rule ruleFor(List<Rule> rules, Severity s) {
    return rules.stream().filter(r -> r.severity().equals(s.label())).findFirst().orElseThrow();
  }

  private static int firstFalse(boolean[] c, int from) {
    for (int t = from; t < c.length; t++) {
      if (!c[t]) {
        return t;
      }
    }
    throw new IllegalStateException("generated test data never drops below the level");
  }

  /** Creates a host whose percentage is {@code p[t]} and adds the raw series that produce it. */
  static SimulatedHost host(
      PromtoolCase tc, Kind kind, String name, Map<String, String> labels, double[] p) {
    Map<String, String> l = new HashMap<>(labels);
    l.putIfAbsent("instance", name + ":9100");
    SimulatedHost h = tc.host(new SimulatedHost(name, l));
    int total = p.length - 1;
    h.input("up", Map.of(), series(1, total));
    StringBuilder values = new StringBuilder();
    double[] observed = new double[p.length];
    switch (kind) {
      case CPU -> {
        // One core: idle grows by (100 - busy%) * 0.6 s a minute, user by busy% * 0.6 s. The
        // recording rule divides idle's rate by all modes' rate, so rate()'s extrapolation
        // cancels out and it sees the plain mean of the last five minutes (fewer at the start).
        BigDecimal idle = BigDecimal.ZERO;
        BigDecimal user = BigDecimal.ZERO;
        StringBuilder userValues = new StringBuilder();
        for (int t = 0; t <= total; t++) {
          if (t > 0) {
            BigDecimal busy = BigDecimal.valueOf(p[t]).multiply(BigDecimal.valueOf(0.6));
            user = user.add(busy);
            idle = idle.add(BigDecimal.valueOf(60).subtract(busy));
          }
          values.append(t == 0 ? "" : " ").append(idle.stripTrailingZeros().toPlainString());
          userValues.append(t == 0 ? "" : " ").append(user.stripTrailingZeros().toPlainString());
          observed[t] = t < CPU_FIRST_VALUE ? Double.NaN : busyPercent(p, t);
        }
        h.input("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), values.toString());
        h.input(
            "node_cpu_seconds_total", Map.of("cpu", "0", "mode", "user"), userValues.toString());
      }
      case MEMORY -> {
        h.input("node_memory_MemTotal_bytes", Map.of(), series(1000, total));
        h.input("node_memory_MemAvailable_bytes", Map.of(), available(p, observed));
      }
      case DISK -> {
        h.input("node_filesystem_size_bytes", ROOT_FS, series(1000, total));
        h.input("node_filesystem_avail_bytes", ROOT_FS, available(p, observed));
        h.input("node_filesystem_readonly", ROOT_FS, series(0, total));
      }
    }
    h.observed = observed;
    return h;
  }

  private static String available(double[] p, double[] observed) {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < p.length; t++) {
      BigDecimal avail =
          BigDecimal.valueOf(1000).subtract(BigDecimal.valueOf(p[t]).multiply(BigDecimal.TEN));
      sb.append(t == 0 ? "" : " ").append(avail.stripTrailingZeros().toPlainString());
      observed[t] = p[t];
    }
    return sb.toString();
  }

  static Map<String, String> fs(String device, String fstype, String mountpoint) {
    return Map.of("device", device, "fstype", fstype, "mountpoint", mountpoint);
  }

  /** {@code v} repeated for minutes 0..total, in promtool's expanding notation. */
  static String series(double v, int total) {
    return YamlWriter.number(v) + "x" + total;
  }

  private static double[] constant(double v, int total) {
    double[] p = new double[total + 1];
    java.util.Arrays.fill(p, v);
    return p;
  }

  /** The busy share of the last five minutes (of those there are) at minute {@code t}. */
  private static double busyPercent(double[] p, int t) {
    int from = Math.max(1, t - 4);
    double sum = 0;
    for (int i = from; i <= t; i++) {
      sum += p[i];
    }
    return sum / (t - from + 1);
  }

  /**
   * Keeps test values clear of every level, so float noise cannot decide a comparison: a value near
   * a level moves away from it, up for values meant to be above and down for those meant to be
   * below, in steps that shrink with the value so tiny levels keep their side.
   */
  private static double nudge(double v, Set<Double> levels, boolean up) {
    double x = Math.max(0, Math.min(100, v));
    for (int i = 0; i < 8 && near(x, levels); i++) {
      x = up ? Math.min(100, x + Math.min(0.25, x / 4 + 1e-6)) : Math.max(0, x - x / 4);
    }
    return x;
  }

  /** Within a tenth of the level, or a tenth of a point for levels above 1. */
  private static boolean near(double x, Set<Double> levels) {
    return levels.stream().anyMatch(l -> Math.abs(l - x) < Math.min(0.1, l / 10));
  }

  static String n(double v) {
    return YamlWriter.number(v);
  }
}
