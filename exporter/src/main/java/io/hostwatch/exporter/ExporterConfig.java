package io.hostwatch.exporter;

import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.exporter.collector.CollectorOptions;
import io.hostwatch.exporter.discovery.DiscoveryConfig;
import io.hostwatch.exporter.host.HostBackend;
import io.hostwatch.exporter.host.HostPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Everything the flags decide, checked. */
record ExporterConfig(
    ListenAddress listenAddress,
    String telemetryPath,
    Path webConfigFile,
    Set<String> enabledCollectors,
    CollectorOptions collectorOptions,
    HostBackend hostBackend,
    HostPaths paths,
    Path hostIdFile,
    Duration defaultScrapeTimeout,
    Duration scrapeTimeoutOffset,
    DiscoveryConfig discovery) {}
