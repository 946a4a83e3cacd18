package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.ThermalStats;
import java.util.Set;

/**
 * {@code node_thermal_zone_temp{zone,type}} in degrees Celsius from {@code
 * /sys/class/thermal/thermal_zone<N>/}, and {@code node_cooling_device_cur_state{name,type}} and
 * {@code node_cooling_device_max_state{name,type}} from {@code cooling_device<N>/}, as
 * node_exporter 1.5's thermal_zone collector. Without {@code /sys/class/thermal} it succeeds with
 * nothing, as node_exporter does.
 */
final class ThermalZoneCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "thermal_zone",
          "thermal zones and cooling devices (/sys/class/thermal)",
          ctx -> new ThermalZoneCollector(ctx.host()));

  static final String TEMP = "node_thermal_zone_temp";
  static final String CUR_STATE = "node_cooling_device_cur_state";
  static final String MAX_STATE = "node_cooling_device_max_state";
  private static final Set<String> OWNED = Set.of(TEMP, CUR_STATE, MAX_STATE);

  private final Host host;

  ThermalZoneCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    ThermalStats stats = host.thermal();
    MetricSink.Family temp = out.gauge(TEMP, "Zone temperature in Celsius", "zone", "type");
    for (ThermalStats.Zone z : stats.zones()) {
      temp.add(z.milliCelsius() / 1000.0, z.zone(), z.type());
    }
    MetricSink.Family cur =
        out.gauge(CUR_STATE, "Current throttle state of the cooling device", "name", "type");
    MetricSink.Family max =
        out.gauge(MAX_STATE, "Maximum throttle state of the cooling device", "name", "type");
    for (ThermalStats.CoolingDevice d : stats.coolingDevices()) {
      cur.add(d.curState(), d.name(), d.type());
      max.add(d.maxState(), d.name(), d.type());
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
