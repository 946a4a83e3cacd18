package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.HostIdentity;

/**
 * {@code hostwatch_host_info{host_id,hostname,ip,os} 1}: which machine this is, with an id that
 * survives restarts and re-addressing ({@code /etc/machine-id}). Name, address and OS are looked up
 * at most once a minute: they rarely change and the address look-up lists every interface.
 */
final class HostInfoCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "hostinfo",
          true,
          "hostwatch_host_info: stable host id, name, address, OS",
          ctx -> new HostInfoCollector(ctx.identity()));

  private static final long REFRESH_NANOS = 60_000_000_000L;

  private final HostIdentity identity;
  private volatile String[] labels;
  private volatile long refreshedAt;

  HostInfoCollector(HostIdentity identity) {
    this.identity = identity;
  }

  @Override
  public void collect(MetricSink out) {
    long now = System.nanoTime();
    String[] l = labels;
    if (l == null || now - refreshedAt > REFRESH_NANOS) {
      l =
          new String[] {
            identity.hostId(), identity.hostname(), HostIdentity.primaryAddress(), identity.os()
          };
      labels = l;
      refreshedAt = now;
    }
    out.gauge(
            "hostwatch_host_info",
            "A metric with a constant '1' value identifying the host: a stable host_id"
                + " (machine-id), hostname, primary ip and os.",
            "host_id",
            "hostname",
            "ip",
            "os")
        .add(1, l);
  }
}
