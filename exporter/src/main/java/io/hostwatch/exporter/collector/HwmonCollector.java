package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.HwmonChip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Hardware sensors from {@code /sys/class/hwmon/hwmon<N>/} (and their {@code device/}), named as
 * node_exporter 1.5 names them: {@code node_hwmon_temp_celsius}, {@code node_hwmon_in_volts},
 * {@code node_hwmon_fan_rpm}, {@code node_hwmon_power_average_watt}, {@code
 * node_hwmon_energy_joule_total}... one per sensor type and property, all {@code {chip,sensor}};
 * {@code node_hwmon_chip_names{chip,chip_name}} and {@code
 * node_hwmon_sensor_label{chip,sensor,label}} annotate them. A value that is no number (a model
 * name) is left out.
 */
final class HwmonCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "hwmon", "hardware sensors (/sys/class/hwmon)", ctx -> new HwmonCollector(ctx.host()));

  private static final String[] LABELS = {"chip", "sensor"};
  private static final Set<String> INTERVALS =
      Set.of("average_interval", "average_interval_min", "average_interval_max");
  private static final Set<String> FAN_SPEEDS = Set.of("input", "min", "max", "target");

  private final Host host;

  HwmonCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    Families families = new Families(out);
    for (HwmonChip chip : host.hwmon()) {
      if (!chip.chipName().isEmpty()) {
        families.add(
            "node_hwmon_chip_names",
            "Annotation metric for human-readable chip names",
            new String[] {"chip", "chip_name"},
            1,
            chip.chip(),
            chip.chipName());
      }
      for (HwmonChip.Sensor sensor : chip.sensors()) {
        sensor(families, chip.chip(), sensor);
      }
    }
  }

  private static void sensor(Families out, String chip, HwmonChip.Sensor sensor) {
    Map<String, String> props = sensor.properties();
    String label = props.get("label");
    if (label != null) {
      out.add(
          "node_hwmon_sensor_label",
          "Label for given chip and sensor",
          new String[] {"chip", "sensor", "label"},
          1,
          chip,
          sensor.name(),
          label);
    }
    String type = sensor.type();
    switch (type) {
      case "beep_enable" -> {
        double v = "1".equals(props.get("")) ? 1 : 0;
        out.gauge("node_hwmon_beep_enabled", "Hardware beep enabled", v, chip, sensor.name());
        return;
      }
      case "vrm" -> {
        OptionalDouble v = HwmonChip.number(props.getOrDefault("", ""));
        if (v.isPresent()) {
          out.gauge(
              "node_hwmon_voltage_regulator_version",
              "Hardware voltage regulator",
              v.getAsDouble(),
              chip,
              sensor.name());
        }
        return;
      }
      case "update_interval" -> {
        OptionalDouble v = HwmonChip.number(props.getOrDefault("", ""));
        if (v.isPresent()) {
          out.gauge(
              "node_hwmon_update_interval_seconds",
              "Hardware monitor update interval",
              v.getAsDouble() * 0.001,
              chip,
              sensor.name());
        }
        return;
      }
      default -> {
        // one metric per property below
      }
    }
    for (Map.Entry<String, String> e : props.entrySet()) {
      String element = e.getKey();
      OptionalDouble parsed = HwmonChip.number(e.getValue());
      if (element.equals("label") || parsed.isEmpty()) {
        continue;
      }
      String name = "node_hwmon_" + type;
      if (element.equals("input")) {
        // input is the value itself, unless the sensor also has a file without a property
        name = props.containsKey("") ? name + "_input" : name;
      } else if (!element.isEmpty()) {
        name = name + "_" + HwmonChip.cleanName(element);
      }
      element(out, name, type, element, parsed.getAsDouble(), chip, sensor.name());
    }
  }

  /**
   * One property's metric: its unit follows from the sensor type, the raw value is scaled to it.
   */
  private static void element(
      Families out, String name, String type, String element, double v, String... labels) {
    if (element.equals("fault") || element.equals("alarm")) {
      out.gauge(name, "Hardware sensor " + element + " status (" + type + ")", v, labels);
    } else if (element.equals("beep")) {
      out.gauge(name + "_enabled", "Hardware monitor sensor has beeping enabled", v, labels);
    } else if (type.equals("in") || type.equals("cpu")) {
      out.gauge(
          name + "_volts", "Hardware monitor for voltage (" + element + ")", v * 0.001, labels);
    } else if (type.equals("temp") && !element.equals("type")) {
      String shown = element.isEmpty() ? "input" : element;
      out.gauge(
          name + "_celsius", "Hardware monitor for temperature (" + shown + ")", v * 0.001, labels);
    } else if (type.equals("curr")) {
      out.gauge(
          name + "_amps", "Hardware monitor for current (" + element + ")", v * 0.001, labels);
    } else if (type.equals("energy")) {
      out.counter(
          name + "_joule_total",
          "Hardware monitor for joules used so far (" + element + ")",
          v / 1000000.0,
          labels);
    } else if (type.equals("power") && element.equals("accuracy")) {
      out.gauge(name, "Hardware monitor power meter accuracy, as a ratio", v / 1000000.0, labels);
    } else if (type.equals("power") && INTERVALS.contains(element)) {
      out.gauge(
          name + "_seconds",
          "Hardware monitor power usage update interval (" + element + ")",
          v * 0.001,
          labels);
    } else if (type.equals("power")) {
      out.gauge(
          name + "_watt",
          "Hardware monitor for power usage in watts (" + element + ")",
          v / 1000000.0,
          labels);
    } else if (type.equals("humidity")) {
      out.gauge(
          name,
          "Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a"
              + " percentage) ("
              + element
              + ")",
          v / 1000000.0,
          labels);
    } else if (type.equals("fan") && FAN_SPEEDS.contains(element)) {
      out.gauge(
          name + "_rpm",
          "Hardware monitor for fan revolutions per minute (" + element + ")",
          v,
          labels);
    } else {
      out.gauge(name, "Hardware monitor " + type + " element " + element, v, labels);
    }
  }

  /**
   * The families of one scrape by name. A name keeps the help it was first given, and a series
   * given twice is kept once: node_exporter's registry drops the later one.
   */
  private static final class Families {
    private final MetricSink sink;
    private final Map<String, MetricSink.Family> byName = new HashMap<>();
    private final Set<String> series = new HashSet<>();

    Families(MetricSink sink) {
      this.sink = sink;
    }

    void gauge(String name, String help, double v, String... labels) {
      add(name, help, LABELS, v, labels);
    }

    void counter(String name, String help, double v, String... labels) {
      if (series.add(name + '\0' + String.join("\0", labels))) {
        byName.computeIfAbsent(name, n -> sink.counter(n, help, LABELS)).add(v, labels);
      }
    }

    void add(String name, String help, String[] labelNames, double v, String... labels) {
      if (series.add(name + '\0' + String.join("\0", labels))) {
        byName.computeIfAbsent(name, n -> sink.gauge(n, help, labelNames)).add(v, labels);
      }
    }
  }
}
