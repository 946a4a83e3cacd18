package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.FixtureTree;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.HostBackend;
import io.hostwatch.exporter.host.HostIdentity;
import io.hostwatch.exporter.host.HostPaths;
import io.hostwatch.exporter.host.StatfsGuard;
import io.hostwatch.exporter.usage.UsageSampler;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A writable copy of {@code fixtures/linux} (with sysfs's links, see {@link FixtureTree}) served as
 * {@code --path.procfs}, {@code --path.sysfs} and {@code --path.rootfs} (its {@code proc}, {@code
 * sys} and {@code root}), and scrapes of named collectors over it through the real {@link
 * ScrapeCoordinator}, as the exporter runs them.
 */
final class LinuxFixture implements AutoCloseable {
  final Path dir;
  final CollectorOptions options;
  final UsageSampler sampler;

  /** The collector workers, as the exporter has one per CPU; {@link #close} stops them. */
  private final ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);

  private final Host host;
  private final HostPaths paths;

  private LinuxFixture(Path dir, CollectorOptions options) {
    this.dir = dir;
    this.options = options;
    this.paths = new HostPaths(dir.resolve("proc"), dir.resolve("sys"), dir.resolve("root"));
    // LinuxHost reads the machine name once, when it is made: make it after the files are there.
    this.host = HostBackend.PROCFS.create(paths);
    this.sampler =
        new UsageSampler(
            host, new StatfsGuard(host, Duration.ofSeconds(5)), options, Duration.ofSeconds(5));
  }

  /** Copies the fixture tree into {@code dir}; {@code options} as the flags would give them. */
  static LinuxFixture copyTo(Path dir, CollectorOptions options) throws IOException {
    FixtureTree.copy(dir);
    return new LinuxFixture(dir, options);
  }

  static LinuxFixture copyTo(Path dir) throws IOException {
    return copyTo(dir, CollectorOptions.defaults());
  }

  Host host() {
    return host;
  }

  HostPaths paths() {
    return paths;
  }

  /** A fixture file's path, e.g. {@code proc/stat}. */
  Path file(String relative) {
    return dir.resolve(relative);
  }

  /** Replaces a fixture file by another, e.g. one of {@code fixtures/truncated}. */
  void replace(String relative, String resource) throws IOException {
    try (java.io.InputStream in = LinuxFixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      Files.write(file(relative), in.readAllBytes());
    }
  }

  /** Moves a file or folder away (under a sibling folder) so that its collector finds nothing. */
  void hide(String relative) throws IOException {
    Path to = dir.resolveSibling(dir.getFileName() + "-hidden").resolve(relative);
    Files.createDirectories(to.getParent());
    Files.move(file(relative), to);
  }

  /** Brings back what {@link #hide} moved away. */
  void restore(String relative) throws IOException {
    Path from = dir.resolveSibling(dir.getFileName() + "-hidden").resolve(relative);
    Files.move(from, file(relative));
  }

  /** One scrape of the named collectors by a coordinator of their own (a fresh start). */
  List<MetricSnapshot> scrape(Set<String> names) {
    return coordinator(names).scrape(TimeUnit.SECONDS.toNanos(20));
  }

  /** The named collectors, built from the registry as the exporter builds them, to scrape. */
  ScrapeCoordinator coordinator(Set<String> names) {
    HostIdentity identity = HostIdentity.detect(paths, host, dir.resolve("host-id"));
    CollectorContext ctx = new CollectorContext(host, options, null, sampler, identity);
    Map<String, Collector> collectors = new LinkedHashMap<>();
    for (CollectorDefinition d : CollectorRegistry.builtIn().definitions()) {
      if (names.contains(d.name())) {
        collectors.put(d.name(), d.factory().apply(ctx));
      }
    }
    if (!collectors.keySet().equals(names)) {
      throw new IllegalArgumentException("unknown collectors in " + names);
    }
    return new ScrapeCoordinator(collectors, pool);
  }

  /** The defaults with {@code --collector.textfile.directory} set. */
  static CollectorOptions withTextfileDirectory(Path directory) {
    CollectorOptions d = CollectorOptions.defaults();
    return new CollectorOptions(
        d.mountPointsExclude(),
        d.fsTypesExclude(),
        d.mountTimeout(),
        d.diskDeviceExclude(),
        d.netdevDeviceExclude(),
        d.netdevDeviceInclude(),
        directory,
        d.sampleInterval(),
        d.vmstatFields(),
        d.netstatFields(),
        d.netclassIgnoredDevices(),
        d.netclassIgnoreInvalidSpeed(),
        d.arpDeviceInclude(),
        d.arpDeviceExclude());
  }

  @Override
  public void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
