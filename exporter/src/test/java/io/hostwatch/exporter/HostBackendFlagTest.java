package io.hostwatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.collector.Collector;
import io.hostwatch.exporter.collector.CollectorContext;
import io.hostwatch.exporter.collector.CollectorDefinition;
import io.hostwatch.exporter.collector.CollectorOptions;
import io.hostwatch.exporter.collector.CollectorRegistry;
import io.hostwatch.exporter.collector.MetricSink;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.HostBackend;
import io.hostwatch.exporter.host.HostIdentity;
import io.hostwatch.exporter.host.HostPaths;
import io.hostwatch.exporter.host.StatfsGuard;
import io.hostwatch.exporter.usage.UsageSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --host.backend}: parsing, the OS's default, and which collectors each backend runs. */
class HostBackendFlagTest {
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine(String osName) {
    CommandLine cl =
        Main.newCommandLine(
            CollectorRegistry.builtIn(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));
    cl.<Main>getCommand().osName = osName;
    return cl;
  }

  private Main parse(String osName, String... args) {
    CommandLine cl = commandLine(osName);
    cl.parseArgs(args);
    return cl.getCommand();
  }

  @Test
  void procfsOnLinuxAndOshiElsewhereByDefault() {
    assertEquals(HostBackend.PROCFS, parse("Linux").hostBackend());
    assertEquals(HostBackend.OSHI, parse("Mac OS X").hostBackend());
    assertEquals(HostBackend.OSHI, parse("Windows 11").hostBackend());
  }

  @Test
  void eitherBackendOnLinuxInAnyCase() {
    assertEquals(HostBackend.OSHI, parse("Linux", "--host.backend=oshi").hostBackend());
    assertEquals(HostBackend.OSHI, parse("Linux", "--host.backend", "OSHI").hostBackend());
    assertEquals(HostBackend.PROCFS, parse("Linux", "--host.backend=procfs").hostBackend());
  }

  @Test
  void unknownBackendIsAUsageErrorNamingTheChoices() {
    assertEquals(2, commandLine("Linux").execute("--host.backend=sysfs"));
    String e = err.toString();
    assertTrue(e.contains("--host.backend"), e);
    assertTrue(e.contains("\"sysfs\" (expected one of: procfs, oshi)"), e);
    assertFalse(e.contains("Exception"), e);
  }

  @Test
  void procfsOffLinuxIsAUsageError() {
    assertEquals(2, commandLine("Mac OS X").execute("--host.backend=procfs"));
    String e = err.toString();
    assertTrue(
        e.startsWith(
            "error: --host.backend: procfs reads Linux's /proc and /sys, which Mac OS X does not"
                + " have (expected oshi here)"),
        e);
    assertFalse(e.contains("Exception"), e);
  }

  @Test
  void oshiOnLinuxLeavesTheKernelTableCollectorsOffAsOnMacOs() {
    Set<String> procfs = parse("Linux").enabledCollectors();
    assertTrue(procfs.containsAll(kernelTableCollectors()), procfs.toString());
    Set<String> oshi = parse("Linux", "--host.backend=oshi").enabledCollectors();
    assertTrue(
        oshi.containsAll(Set.of("cpu", "meminfo", "filesystem", "diskstats")), oshi.toString());
    Set<String> both = new TreeSet<>(oshi);
    both.retainAll(kernelTableCollectors());
    assertEquals(Set.of(), both);
    // Asked for, one still runs (and fails per scrape, as on macOS).
    assertTrue(
        parse("Linux", "--host.backend=oshi", "--collector.filefd")
            .enabledCollectors()
            .contains("filefd"));
  }

  private static Set<String> kernelTableCollectors() {
    Set<String> names = new TreeSet<>();
    for (CollectorDefinition d : CollectorRegistry.builtIn().definitions()) {
      if (d.readsKernelTables()) {
        names.add(d.name());
      }
    }
    return names;
  }

  /**
   * The list of kernel-table collectors is the set of built-in collectors the OSHI host cannot
   * serve: every collector is built on it and run once, and exactly those on the list find their
   * source unsupported.
   */
  @Test
  void kernelTableCollectorsAreExactlyThoseOshiCannotServe() throws Exception {
    Host host = HostBackend.OSHI.create(HostPaths.defaults());
    CollectorOptions options = CollectorOptions.defaults();
    StatfsGuard statfs = new StatfsGuard(host, Duration.ofSeconds(5));
    CollectorContext ctx =
        new CollectorContext(
            host,
            options,
            statfs,
            new UsageSampler(host, statfs, options, Duration.ofSeconds(5)),
            HostIdentity.of("0123", host));
    Set<String> unsupported = new TreeSet<>();
    for (CollectorDefinition d : CollectorRegistry.builtIn().definitions()) {
      Collector c = d.factory().apply(ctx);
      try {
        c.collect(new MetricSink());
      } catch (UnsupportedOperationException e) {
        unsupported.add(d.name());
      }
    }
    assertEquals(kernelTableCollectors(), unsupported);
  }
}
