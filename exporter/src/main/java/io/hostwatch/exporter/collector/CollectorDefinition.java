package io.hostwatch.exporter.collector;

import java.util.function.Function;

/**
 * A collector as the registry knows it: its {@code --collector.<name>} flag, whether it runs by
 * default, what it reads (for {@code --help}), and how to build it once the flags are parsed.
 */
public record CollectorDefinition(
    String name,
    boolean enabledByDefault,
    String description,
    Function<CollectorContext, Collector> factory) {}
