package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.NvmeDevice;
import java.util.List;
import java.util.Set;

/**
 * NVMe controllers from {@code /sys/class/nvme/<device>/}: {@code
 * node_nvme_info{device,firmware_revision,model,serial,state} 1}. A host without NVMe has no {@code
 * /sys/class/nvme} and reports failure, as node_exporter does.
 */
final class NvmeCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "nvme", "NVMe controllers (/sys/class/nvme)", ctx -> new NvmeCollector(ctx.host()));

  static final String INFO = "node_nvme_info";
  private static final Set<String> OWNED = Set.of(INFO);

  private final Host host;

  NvmeCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    List<NvmeDevice> devices = host.nvme();
    MetricSink.Family info =
        out.gauge(
            INFO,
            "Non-numeric data from /sys/class/nvme/<device>, value is always 1.",
            "device",
            "firmware_revision",
            "model",
            "serial",
            "state");
    for (NvmeDevice d : devices) {
      info.add(1, d.device(), d.firmwareRevision(), d.model(), d.serial(), d.state());
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
