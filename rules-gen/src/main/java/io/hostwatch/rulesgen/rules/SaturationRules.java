package io.hostwatch.rulesgen.rules;

import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.util.Map;

/**
 * The node-mixin's saturation alerts (load, major page faults, disk queue, restarting units): a
 * count or a rate against each host's level. They keep every label of the series they watch (the
 * disk's {@code device}, the unit's {@code name}) so one alert is raised per disk or unit.
 */
public final class SaturationRules {
  /** The window of the mixin's rates; the generated tests replay it. */
  public static final int WINDOW_MINUTES = 5;

  private static final String WINDOW = "[" + WINDOW_MINUTES + "m]";

  private SaturationRules() {}

  /** The watched value of {@code c}'s family, before the level is applied. */
  static String value(Spec spec, CheckSpec c) {
    var sel = spec.selector();
    return switch (c.family()) {
      case LOAD ->
          "(\n  "
              + series("node_load1", sel)
              + "\n  / count without (cpu, mode) ("
              + series("node_cpu_seconds_total", sel, Matcher.eq("mode", "idle"))
              + ")\n)";
      case MAJOR_PAGE_FAULTS -> "rate(" + series("node_vmstat_pgmajfault", sel) + WINDOW + ")";
      case DISK_IO ->
          "rate(" + series("node_disk_io_time_weighted_seconds_total", sel) + WINDOW + ")";
      case SYSTEMD_CRASHLOOP ->
          "increase(" + series("node_systemd_service_restart_total", sel) + WINDOW + ")";
      default -> throw new IllegalArgumentException(c.family().name());
    };
  }

  static Rule alert(Spec spec, CheckSpec c, Severity s) {
    String on = "{{ $labels.instance }}";
    String past =
        ", above its "
            + s.label()
            + " level ("
            + c.family().thresholdSeries()
            + "), for more than "
            + Durations.format(c.forDuration())
            + ". ";
    String expr = CheckRules.compare(c.family(), value(spec, c), s) + "\n";
    return switch (c.family()) {
      case LOAD ->
          CheckRules.alert(
              spec,
              c,
              s,
              Map.of(),
              expr,
              "Load per CPU core at {{ $value | humanize }} on " + on,
              "The 1-minute load average of "
                  + on
                  + " is {{ $value | humanize }} per CPU core"
                  + past
                  + "More work is runnable or waiting on I/O than the cores can serve, so"
                  + " everything on the host slows down. Look at top and iotop for what queues.");
      case MAJOR_PAGE_FAULTS ->
          CheckRules.alert(
              spec,
              c,
              s,
              Map.of(),
              expr,
              "{{ $value | humanize }} major page faults/s on " + on,
              on
                  + " has been reading {{ $value | humanize }} pages a second back from disk"
                  + " (major page faults)"
                  + past
                  + "The host is short of memory and thrashing: find what grew (ps --sort=-rss)"
                  + " or add memory.");
      case DISK_IO ->
          CheckRules.alert(
              spec,
              c,
              s,
              Map.of(),
              expr,
              "Disk {{ $labels.device }} I/O queue at {{ $value | humanize }} on " + on,
              "Disk {{ $labels.device }} on "
                  + on
                  + " has had {{ $value | humanize }} requests queued or in flight on average"
                  + " (iostat's aqu-sz)"
                  + past
                  + "The disk cannot keep up and every read or write waits: look at iotop for"
                  + " who is writing.");
      case SYSTEMD_CRASHLOOP ->
          CheckRules.alert(
              spec,
              c,
              s,
              Map.of(),
              expr,
              "systemd unit {{ $labels.name }} restarted {{ $value | humanize }} times in "
                  + WINDOW_MINUTES
                  + "m on "
                  + on,
              "systemd unit {{ $labels.name }} on "
                  + on
                  + " was restarted {{ $value | humanize }} times in the last "
                  + WINDOW_MINUTES
                  + "m"
                  + past
                  + "It is probably crash looping: see journalctl -u {{ $labels.name }} for why.");
      default -> throw new IllegalArgumentException(c.family().name());
    };
  }
}
