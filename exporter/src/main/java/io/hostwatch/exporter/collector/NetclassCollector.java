package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.NetClassDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network device attributes from {@code /sys/class/net/<device>/}: {@code node_network_up}, {@code
 * node_network_info{address,broadcast,device,duplex,ifalias,operstate}}, and one metric per numeric
 * attribute, named as node_exporter 1.5 names them ({@code mtu} → {@code node_network_mtu_bytes},
 * {@code speed} in Mbit/s → {@code node_network_speed_bytes}, {@code carrier_changes} → {@code
 * node_network_carrier_changes_total}...), all {@code {device}}. {@code
 * --collector.netclass.ignored-devices} skips devices; {@code
 * --collector.netclass.ignore-invalid-speed} drops the -1 speed of virtual devices.
 */
final class NetclassCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "netclass",
          "network device attributes (/sys/class/net)",
          ctx -> new NetclassCollector(ctx.host(), ctx.options()));

  /** The metric a numeric attribute becomes; counters end in {@code _total}. */
  private record Property(String file, String metric, boolean counter) {}

  private static final List<Property> PROPERTIES =
      List.of(
          new Property("addr_assign_type", "address_assign_type", false),
          new Property("carrier", "carrier", false),
          new Property("carrier_changes", "carrier_changes_total", true),
          new Property("carrier_up_count", "carrier_up_changes_total", true),
          new Property("carrier_down_count", "carrier_down_changes_total", true),
          new Property("dev_id", "device_id", false),
          new Property("dormant", "dormant", false),
          new Property("flags", "flags", false),
          new Property("ifindex", "iface_id", false),
          new Property("iflink", "iface_link", false),
          new Property("link_mode", "iface_link_mode", false),
          new Property("mtu", "mtu_bytes", false),
          new Property("name_assign_type", "name_assign_type", false),
          new Property("netdev_group", "net_dev_group", false),
          new Property("speed", "speed_bytes", false),
          new Property("tx_queue_len", "transmit_queue_length", false),
          new Property("type", "protocol_type", false));

  private final Host host;
  private final CollectorOptions options;

  NetclassCollector(Host host, CollectorOptions options) {
    this.host = host;
    this.options = options;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    List<NetClassDevice> devices = host.netClass(options.netclassIgnoredDevices());
    MetricSink.Family up =
        out.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.", "device");
    MetricSink.Family info =
        out.gauge(
            "node_network_info",
            "Non-numeric data from /sys/class/net/<iface>, value is always 1.",
            "device",
            "address",
            "broadcast",
            "duplex",
            "operstate",
            "ifalias");
    Map<String, MetricSink.Family> families = new LinkedHashMap<>();
    for (NetClassDevice d : devices) {
      up.add(d.operState().equals("up") ? 1 : 0, d.device());
      info.add(1, d.device(), d.address(), d.broadcast(), d.duplex(), d.operState(), d.ifAlias());
      for (Property p : PROPERTIES) {
        Long v = d.numbers().get(p.file());
        double value = v == null ? Double.NaN : v;
        if (p.file().equals("speed") && v != null) {
          // Mbit/s to bytes/s in integers, as node_exporter; -1 is "unknown" on virtual devices.
          value = v < 0 && options.netclassIgnoreInvalidSpeed() ? Double.NaN : v * 1000 * 1000 / 8;
        }
        if (!Double.isNaN(value)) {
          families.computeIfAbsent(p.metric(), m -> family(out, p)).add(value, d.device());
        }
      }
    }
  }

  private static MetricSink.Family family(MetricSink out, Property p) {
    String name = "node_network_" + p.metric();
    String help = "Network device property: " + p.metric();
    return p.counter() ? out.counter(name, help, "device") : out.gauge(name, help, "device");
  }
}
