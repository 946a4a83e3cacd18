package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import java.time.Instant;
import java.util.TimeZone;

/**
 * {@code node_time_seconds}, {@code node_time_zone_offset_seconds{time_zone}} and, on Linux, the
 * clock sources of {@code /sys/devices/system/clocksource}.
 */
final class TimeCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "time",
          true,
          "system time, time zone, clock source",
          ctx -> new TimeCollector(ctx.host()));

  private final Host host;

  TimeCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    Instant now = Instant.now();
    out.gauge(
        "node_time_seconds",
        "System time in seconds since epoch (1970).",
        now.getEpochSecond() + now.getNano() / 1e9);
    TimeZone tz = TimeZone.getDefault();
    long nowMillis = now.toEpochMilli();
    boolean dst = tz.inDaylightTime(new java.util.Date(nowMillis));
    out.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.", "time_zone")
        .add(tz.getOffset(nowMillis) / 1000.0, tz.getDisplayName(dst, TimeZone.SHORT));
    Host.ClockSources cs = host.clockSources();
    if (cs.available().isEmpty()) {
      return;
    }
    MetricSink.Family available =
        out.gauge(
            "node_time_clocksource_available_info",
            "Available clocksources read from '/sys/devices/system/clocksource'.",
            "clocksource",
            "device");
    for (String source : cs.available()) {
      available.add(1, source, "0");
    }
    out.gauge(
            "node_time_clocksource_current_info",
            "Current clocksource read from '/sys/devices/system/clocksource'.",
            "clocksource",
            "device")
        .add(1, cs.current(), "0");
  }
}
