package io.hostwatch.rulesgen.promtool;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests for a node-mixin alert without a level, as {@link HostDownAlertCases} does for HostDown: a
 * healthy host stays quiet; one that goes bad is pending before {@code for}, fires after, and once
 * healthy again keeps firing for {@code keep_firing_for}, then resolves.
 */
public final class ToggleAlertCases {
  private static final Map<String, String> MD = Map.of("device", "md0");
  private static final Map<String, String> UNIT = Map.of("name", "backup.service");
  private static final Map<String, String> BOND = Map.of("master", "bond0");

  private ToggleAlertCases() {}

  static PromtoolCase build(Spec spec, CheckSpec c, List<Rule> rules) {
    int f = (int) PromtoolCase.minutes(c.forDuration());
    int k = (int) PromtoolCase.minutes(c.keepFiringFor());
    int bad = 2;
    int back = bad + f + 3;
    int total = back + k + 3;
    String name = c.family().alertName();
    PromtoolCase tc = new PromtoolCase(name + ": for, keep_firing_for", total + 1);
    Map<String, String> base = SelectorLabels.forSelector(spec);
    boolean[] never = new boolean[total + 1];
    boolean[] flaky = new boolean[total + 1];
    for (int t = 0; t <= total; t++) {
      flaky[t] = t >= bad && t < back;
    }
    host(tc, c, "ok", base, never, total);
    host(tc, c, "flaky", base, flaky, total);
    PromtoolCase.Conditions cond =
        new PromtoolCase.Conditions() {
          @Override
          public boolean[] condition(SimulatedHost h, Rule r) {
            return h.name.equals("flaky") ? flaky : never;
          }

          @Override
          public Map<String, String> extraLabels(SimulatedHost h) {
            return alertLabels(c);
          }
        };
    String forText = Durations.format(c.forDuration());
    if (f >= 1) {
      tc.check(bad + f - 1, "flaky is bad for less than " + forText + ": pending", rules, cond);
    }
    tc.check(bad + f + 1, "flaky has been bad for " + forText + ": fires; ok never", rules, cond);
    if (k > 0) {
      tc.check(back + k - 1, "flaky is healthy again, keep_firing_for holds it", rules, cond);
    }
    tc.check(back + k, "flaky is healthy and keep_firing_for has passed: resolved", rules, cond);
    return tc;
  }

  private static Map<String, String> alertLabels(CheckSpec c) {
    return switch (c.family()) {
      case RAID -> MD;
      case SYSTEMD -> Map.of("name", "backup.service", "state", "failed");
      case RAID_DISK_FAILURE -> Map.of("device", "md0", "state", "failed");
      case BONDING -> BOND;
      default -> Map.of();
    };
  }

  /** The raw series of a host that is bad in the minutes {@code bad} marks. */
  private static void host(
      PromtoolCase tc,
      CheckSpec c,
      String name,
      Map<String, String> base,
      boolean[] bad,
      int total) {
    Map<String, String> labels = new HashMap<>(base);
    labels.put("instance", name + ":9100");
    SimulatedHost h = tc.host(new SimulatedHost(name, labels));
    h.input("up", Map.of(), PercentAlertCases.series(1, total));
    h.observed = new double[total + 1];
    switch (c.family()) {
      case CLOCK_SYNC -> {
        // Unsynchronised with a growing error, as the kernel reports a clock NTP lost.
        h.input("node_timex_sync_status", Map.of(), values(bad, "0", "1"));
        h.input("node_timex_maxerror_seconds", Map.of(), values(bad, "16.5", "0.2"));
      }
      case TEXTFILE -> {
        h.input("node_textfile_scrape_error", Map.of(), values(bad, "1", "0"));
        java.util.Arrays.fill(h.observed, 1);
      }
      case RAID -> {
        h.input("node_md_disks_required", MD, PercentAlertCases.series(2, total));
        h.input("node_md_disks", with(MD, "state", "active"), values(bad, "1", "2"));
        h.input("node_md_disks", with(MD, "state", "failed"), values(bad, "1", "0"));
        java.util.Arrays.fill(h.observed, 1);
      }
      case SYSTEMD -> {
        h.input("node_systemd_unit_state", with(UNIT, "state", "failed"), values(bad, "1", "0"));
        h.input("node_systemd_unit_state", with(UNIT, "state", "active"), values(bad, "0", "1"));
        java.util.Arrays.fill(h.observed, 1);
      }
      case RAID_DISK_FAILURE -> {
        h.input("node_md_disks", with(MD, "state", "active"), values(bad, "1", "2"));
        h.input("node_md_disks", with(MD, "state", "failed"), values(bad, "1", "0"));
        java.util.Arrays.fill(h.observed, 1);
      }
      case BONDING -> {
        // A bond of two links, one of them down while bad.
        h.input("node_bonding_slaves", BOND, PercentAlertCases.series(2, total));
        h.input("node_bonding_active", BOND, values(bad, "1", "2"));
        java.util.Arrays.fill(h.observed, 1);
      }
      default -> throw new IllegalArgumentException(c.family().name());
    }
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new HashMap<>(base);
    m.put(key, value);
    return m;
  }

  private static String values(boolean[] bad, String whenBad, String whenGood) {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < bad.length; t++) {
      sb.append(t == 0 ? "" : " ").append(bad[t] ? whenBad : whenGood);
    }
    return sb.toString();
  }
}
