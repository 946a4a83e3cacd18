package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.TimexStats;
import java.util.Set;

/**
 * The kernel clock discipline from {@code adjtimex(2)}: {@code node_timex_sync_status}, {@code
 * node_timex_offset_seconds}, {@code node_timex_frequency_adjustment_ratio}, {@code
 * node_timex_maxerror_seconds}, {@code node_timex_estimated_error_seconds}, {@code
 * node_timex_status}, {@code node_timex_loop_time_constant}, {@code node_timex_tick_seconds},
 * {@code node_timex_tai_offset_seconds} and the {@code node_timex_pps_*} figures.
 */
final class TimexCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "timex", "clock synchronisation state (adjtimex)", ctx -> new TimexCollector(ctx.host()));

  private static final Set<String> OWNED =
      Set.of(
          "node_timex_sync_status",
          "node_timex_offset_seconds",
          "node_timex_frequency_adjustment_ratio",
          "node_timex_maxerror_seconds",
          "node_timex_estimated_error_seconds",
          "node_timex_status",
          "node_timex_loop_time_constant",
          "node_timex_tick_seconds",
          "node_timex_pps_frequency_hertz",
          "node_timex_pps_jitter_seconds",
          "node_timex_pps_shift_seconds",
          "node_timex_pps_stability_hertz",
          "node_timex_pps_jitter",
          "node_timex_pps_calibration",
          "node_timex_pps_error",
          "node_timex_pps_stability_exceeded",
          "node_timex_tai_offset_seconds");

  private final Host host;

  TimexCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    TimexStats t = host.timex();
    out.gauge(
        "node_timex_sync_status",
        "Is clock synchronized to a reliable server (1 = yes, 0 = no).",
        t.syncStatus());
    out.gauge(
        "node_timex_offset_seconds",
        "Time offset in between local system and reference clock.",
        t.offsetSeconds());
    out.gauge(
        "node_timex_frequency_adjustment_ratio",
        "Local clock frequency adjustment.",
        t.frequencyAdjustmentRatio());
    out.gauge("node_timex_maxerror_seconds", "Maximum error in seconds.", t.maxerrorSeconds());
    out.gauge(
        "node_timex_estimated_error_seconds",
        "Estimated error in seconds.",
        t.estimatedErrorSeconds());
    out.gauge("node_timex_status", "Value of the status array bits.", t.status());
    out.gauge(
        "node_timex_loop_time_constant", "Phase-locked loop time constant.", t.loopTimeConstant());
    out.gauge("node_timex_tick_seconds", "Seconds between clock ticks.", t.tickSeconds());
    pps(out, t);
    out.gauge(
        "node_timex_tai_offset_seconds",
        "International Atomic Time (TAI) offset.",
        t.taiOffsetSeconds());
  }

  private static void pps(MetricSink out, TimexStats t) {
    out.gauge(
        "node_timex_pps_frequency_hertz", "Pulse per second frequency.", t.ppsFrequencyHertz());
    out.gauge("node_timex_pps_jitter_seconds", "Pulse per second jitter.", t.ppsJitterSeconds());
    out.gauge(
        "node_timex_pps_shift_seconds", "Pulse per second interval duration.", t.ppsShiftSeconds());
    out.gauge(
        "node_timex_pps_stability_hertz",
        "Pulse per second stability, average of recent frequency changes.",
        t.ppsStabilityHertz());
    out.counter(
        "node_timex_pps_jitter_total",
        "Pulse per second count of jitter limit exceeded events.",
        t.ppsJitterTotal());
    out.counter(
        "node_timex_pps_calibration_total",
        "Pulse per second count of calibration intervals.",
        t.ppsCalibrationTotal());
    out.counter(
        "node_timex_pps_error_total",
        "Pulse per second count of calibration errors.",
        t.ppsErrorTotal());
    out.counter(
        "node_timex_pps_stability_exceeded_total",
        "Pulse per second count of stability limit exceeded events.",
        t.ppsStabilityExceededTotal());
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
