package io.hostwatch.rulesgen.rules;

import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import java.util.Map;

/**
 * The node-mixin alerts that fire on a state rather than past a level: the mixin's expressions as
 * they are, with the file's selector, {@code for} and severity.
 */
public final class ToggleRules {
  private ToggleRules() {}

  static Rule alert(Spec spec, CheckSpec c) {
    var sel = spec.selector();
    String on = "{{ $labels.instance }}";
    String forText = Durations.format(c.forDuration());
    return switch (c.family()) {
      case CLOCK_SYNC ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              "min_over_time("
                  + series("node_timex_sync_status", sel)
                  + "[5m]) == 0\nand\n"
                  + series("node_timex_maxerror_seconds", sel)
                  + " >= 16\n",
              "Clock on " + on + " is not synchronising",
              "The kernel has not seen the clock of "
                  + on
                  + " synchronised for more than "
                  + forText
                  + ", and its maximum error has reached 16s. Check that NTP (chronyd,"
                  + " systemd-timesyncd, ntpd) runs and reaches its servers.");
      case TEXTFILE ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              series("node_textfile_scrape_error", sel) + " == 1\n",
              "Textfile collector cannot read a file on " + on,
              "The textfile collector on "
                  + on
                  + " failed to read or parse a *.prom file for more than "
                  + forText
                  + ", so the metrics it holds are missing. The exporter's log names the file.");
      case RAID ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              series("node_md_disks_required", sel)
                  + "\n  - ignoring(state)\n"
                  + series("node_md_disks", sel, Matcher.eq("state", "active"))
                  + "\n  > 0\n",
              "RAID array {{ $labels.device }} degraded on " + on,
              "RAID array {{ $labels.device }} on "
                  + on
                  + " has been missing {{ $value }} of its active disks for more than "
                  + forText
                  + ": one more failure may lose data. Replace the failed disk (mdadm --detail).");
      case SYSTEMD ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              series("node_systemd_unit_state", sel, Matcher.eq("state", "failed")) + " == 1\n",
              "systemd unit {{ $labels.name }} failed on " + on,
              "systemd unit {{ $labels.name }} on "
                  + on
                  + " has been in the failed state for more than "
                  + forText
                  + ". See systemctl status and journalctl -u for why.");
      case RAID_DISK_FAILURE ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              series("node_md_disks", sel, Matcher.eq("state", "failed")) + " > 0\n",
              "A disk of RAID array {{ $labels.device }} failed on " + on,
              "RAID array {{ $labels.device }} on "
                  + on
                  + " has {{ $value }} failed disk(s)"
                  + (c.forDuration().isZero() ? "" : " for more than " + forText)
                  + ". The array still runs but has lost redundancy: swap the disk (mdadm"
                  + " --detail names it) before another one fails.");
      case BONDING ->
          CheckRules.alert(
              spec,
              c,
              c.severity(),
              Map.of(),
              "(\n  "
                  + series("node_bonding_slaves", sel)
                  + "\n  - "
                  + series("node_bonding_active", sel)
                  + "\n) != 0\n",
              "Bond {{ $labels.master }} degraded on " + on,
              "Bonding interface {{ $labels.master }} on "
                  + on
                  + " has had {{ $value }} of its links down for more than "
                  + forText
                  + ", so it runs without redundancy. See /proc/net/bonding/{{ $labels.master }}"
                  + " for which link and check its cable and switch port.");
      default -> throw new IllegalArgumentException(c.family().name());
    };
  }
}
