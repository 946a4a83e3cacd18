package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.NetDevStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Network device counters from {@code /proc/net/dev} (OSHI's network interfaces elsewhere): {@code
 * node_network_receive_bytes_total{device}}, {@code ..._packets_total}, {@code ..._errs_total},
 * {@code ..._drop_total} and the other columns, receive and transmit, as node_exporter 1.5 names
 * them. {@code --collector.netdev.device-exclude} / {@code -include} filter devices.
 */
final class NetdevCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "netdev",
          true,
          "network device counters (/proc/net/dev)",
          ctx -> new NetdevCollector(ctx.host(), ctx.options()));

  private final Host host;
  private final CollectorOptions options;

  NetdevCollector(Host host, CollectorOptions options) {
    this.host = host;
    this.options = options;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    Map<String, MetricSink.Family> families = new LinkedHashMap<>();
    for (NetDevStats d : host.netDev()) {
      if (!wanted(d.device())) {
        continue;
      }
      for (Map.Entry<String, Double> c : d.counters().entrySet()) {
        String stat = c.getKey();
        families
            .computeIfAbsent(
                stat,
                s ->
                    out.counter(
                        "node_network_" + s + "_total",
                        "Network device statistic " + s + ".",
                        "device"))
            .add(c.getValue(), d.device());
      }
    }
  }

  private boolean wanted(String device) {
    if (options.netdevDeviceExclude() != null
        && options.netdevDeviceExclude().matcher(device).find()) {
      return false;
    }
    return options.netdevDeviceInclude() == null
        || options.netdevDeviceInclude().matcher(device).find();
  }
}
