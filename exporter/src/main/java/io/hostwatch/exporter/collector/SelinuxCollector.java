package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.SelinuxStatus;
import java.util.Set;

/**
 * {@code node_selinux_enabled}, and where SELinux is on its configured and current enforcement
 * modes ({@code node_selinux_config_mode}, {@code node_selinux_current_mode}).
 */
final class SelinuxCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "selinux",
          "SELinux status and enforcement mode (selinuxfs, /etc/selinux/config)",
          ctx -> new SelinuxCollector(ctx.host()));

  static final String ENABLED = "node_selinux_enabled";
  static final String CONFIG_MODE = "node_selinux_config_mode";
  static final String CURRENT_MODE = "node_selinux_current_mode";
  private static final Set<String> OWNED = Set.of(ENABLED, CONFIG_MODE, CURRENT_MODE);

  private final Host host;

  SelinuxCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    SelinuxStatus s = host.selinux();
    out.gauge(ENABLED, "SELinux is enabled, 1 is true, 0 is false", s.enabled() ? 1 : 0);
    if (!s.enabled()) {
      return;
    }
    out.gauge(CONFIG_MODE, "Configured SELinux enforcement mode", s.configMode());
    out.gauge(CURRENT_MODE, "Current SELinux enforcement mode", s.currentMode());
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
