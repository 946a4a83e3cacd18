package io.hostwatch.exporter.collector;

import java.util.function.Function;

/**
 * A collector as the registry knows it: its {@code --collector.<name>} flag, whether it runs by
 * default, whether it reads Linux's kernel tables (which only the procfs backend has), what it
 * reads (for {@code --help}), and how to build it once the flags are parsed.
 */
public record CollectorDefinition(
    String name,
    boolean enabledByDefault,
    boolean readsKernelTables,
    String description,
    Function<CollectorContext, Collector> factory) {

  /** A collector every backend serves. */
  public CollectorDefinition(
      String name,
      boolean enabledByDefault,
      String description,
      Function<CollectorContext, Collector> factory) {
    this(name, enabledByDefault, false, description, factory);
  }

  /**
   * A collector of Linux's kernel tables: on by default where the procfs backend reads them, off
   * (and failing per scrape when asked for) with OSHI, as on macOS and Windows.
   */
  public static CollectorDefinition kernelTable(
      String name, String description, Function<CollectorContext, Collector> factory) {
    return new CollectorDefinition(name, true, true, description, factory);
  }
}
