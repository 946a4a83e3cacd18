package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.UnameInfo;

/** {@code node_uname_info{sysname,release,version,machine,nodename,domainname} 1}. */
final class UnameCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "uname", true, "kernel and host names (uname)", ctx -> new UnameCollector(ctx.host()));

  private final Host host;

  UnameCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    UnameInfo u = host.uname();
    out.gauge(
            "node_uname_info",
            "Labeled system information as provided by the uname system call.",
            "sysname",
            "release",
            "version",
            "machine",
            "nodename",
            "domainname")
        .add(1, u.sysname(), u.release(), u.version(), u.machine(), u.nodename(), u.domainname());
  }
}
