package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.HostIdentity;
import io.hostwatch.exporter.host.StatfsGuard;
import io.hostwatch.exporter.usage.UsageSampler;

/** What a collector may use, built once at start-up from the flags. */
public record CollectorContext(
    Host host,
    CollectorOptions options,
    StatfsGuard statfs,
    UsageSampler sampler,
    HostIdentity identity) {}
