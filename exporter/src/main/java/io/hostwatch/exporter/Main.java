package io.hostwatch.exporter;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.DurationConverter;
import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.cli.LogLevelConverter;
import io.hostwatch.common.cli.UntilSigterm;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.common.log.Logging;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.exporter.collector.CollectorDefinition;
import io.hostwatch.exporter.collector.CollectorOptions;
import io.hostwatch.exporter.collector.CollectorRegistry;
import io.hostwatch.exporter.discovery.DiscoveryConfig;
import io.hostwatch.exporter.discovery.DiscoveryCredentials;
import io.hostwatch.exporter.host.HostBackend;
import io.hostwatch.exporter.host.HostPaths;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of {@code exporter}: parses flags and wires the parts. */
@Command(
    name = "exporter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Exports host metrics for Prometheus, node_exporter-compatible.")
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9110",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.telemetry-path",
      defaultValue = "/metrics",
      description = "Path under which to expose metrics (default: ${DEFAULT-VALUE}).")
  String telemetryPath;

  @Option(
      names = "--web.config.file",
      description = "Web config file for TLS and basic auth (exporter-toolkit format).")
  Path webConfigFile;

  @Option(
      names = "--collector.disable-defaults",
      description = "Disable all collectors not enabled explicitly with --collector.<name>.")
  boolean disableDefaults;

  @Mixin CollectorFlags collectorFlags;

  @Option(
      names = "--scrape.timeout-offset",
      defaultValue = "500ms",
      converter = DurationConverter.class,
      description =
          "Subtracted from Prometheus' scrape timeout to get the collectors' deadline (default: ${DEFAULT-VALUE}).")
  Duration timeoutOffset;

  @Option(
      names = "--scrape.default-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Scrape timeout when the request has no X-Prometheus-Scrape-Timeout-Seconds header (default: ${DEFAULT-VALUE}).")
  Duration defaultTimeout;

  @Option(
      names = "--path.procfs",
      defaultValue = "/proc",
      description = "procfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path procfs;

  @Option(
      names = "--path.sysfs",
      defaultValue = "/sys",
      description = "sysfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path sysfs;

  @Option(
      names = "--path.rootfs",
      defaultValue = "/",
      description = "rootfs mountpoint (default: ${DEFAULT-VALUE}).")
  Path rootfs;

  @Option(
      names = "--host.backend",
      paramLabel = "procfs|oshi",
      converter = HostBackendConverter.class,
      description =
          "Where the figures come from: procfs reads /proc and /sys (Linux only), oshi asks OSHI"
              + " (default: procfs on Linux, oshi elsewhere).")
  HostBackend backend;

  @Option(
      names = "--host.id-file",
      defaultValue = "/var/lib/hostwatch/host-id",
      description =
          "Where to keep a generated host id when the host has no /etc/machine-id (default: ${DEFAULT-VALUE}).")
  Path hostIdFile;

  @Option(
      names = "--discovery.url",
      description =
          "Base URL of a registry to announce this exporter to (POST <url>/api/v1/register).")
  URI discoveryUrl;

  @Option(
      names = "--discovery.address",
      description =
          "host:port Prometheus should scrape (default: first non-loopback IP and the listen port).")
  String discoveryAddress;

  @Option(
      names = "--discovery.label",
      description = "Label k=v sent with the registration; repeatable.")
  Map<String, String> discoveryLabels = new LinkedHashMap<>();

  @Option(
      names = "--discovery.interval",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How often to register again (default: ${DEFAULT-VALUE}).")
  Duration discoveryInterval;

  @Option(
      names = "--discovery.basic-auth-user",
      description = "User name to register with (basic auth); needs the password file.")
  String discoveryBasicAuthUser;

  @Option(
      names = "--discovery.basic-auth-password-file",
      description = "File holding the password for --discovery.basic-auth-user.")
  Path discoveryBasicAuthPasswordFile;

  @Option(
      names = "--discovery.bearer-token-file",
      description = "File holding a bearer token to register with.")
  Path discoveryBearerTokenFile;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      converter = LogLevelConverter.class,
      description =
          "Only log messages with the given severity or above: debug, info, warn, error (default: ${DEFAULT-VALUE}).")
  Logging.LogLevel logLevel;

  /** The JVM's os.name; a field, so a test can play another OS. */
  String osName = System.getProperty("os.name", "");

  private final CollectorRegistry registry;

  Main(CollectorRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws Exception {
    Logging.configure(logLevel, System.err);
    ExporterConfig config = config();
    Exporter exporter;
    try {
      exporter = Exporter.start(config, registry);
    } catch (java.net.BindException e) {
      spec.commandLine()
          .getErr()
          .println("error: listen tcp " + listenAddress + ": " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    return UntilSigterm.await(
        java.util.logging.Logger.getLogger(Main.class.getName()), exporter::close);
  }

  ExporterConfig config() {
    ListenAddress address;
    try {
      address = ListenAddress.parse(listenAddress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--web.listen-address: " + e.getMessage());
    }
    if (!telemetryPath.startsWith("/") || telemetryPath.equals("/")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--web.telemetry-path: must start with / and not be / (got \"" + telemetryPath + "\")");
    }
    HostBackend hostBackend = hostBackend();
    CollectorOptions options = collectorFlags.options();
    DiscoveryCredentials credentials =
        new DiscoveryCredentials(
            discoveryBasicAuthUser, discoveryBasicAuthPasswordFile, discoveryBearerTokenFile);
    String credentialsProblem = credentials.problem();
    if (credentialsProblem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), credentialsProblem);
    }
    DiscoveryConfig discovery =
        new DiscoveryConfig(
            discoveryUrl, discoveryAddress, discoveryLabels, discoveryInterval, credentials);
    return new ExporterConfig(
        address,
        telemetryPath,
        webConfigFile,
        enabledCollectors(),
        options,
        hostBackend,
        new HostPaths(procfs, sysfs, rootfs),
        hostIdFile,
        defaultTimeout,
        timeoutOffset,
        discovery);
  }

  /** {@code --host.backend}, else this OS's default; procfs off Linux is a usage error. */
  HostBackend hostBackend() {
    HostBackend b = backend != null ? backend : HostBackend.defaultFor(osName);
    String problem = b.unavailableOn(osName);
    if (problem != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--host.backend: "
              + problem
              + " (expected "
              + HostBackend.defaultFor(osName).flagValue()
              + " here)");
    }
    return b;
  }

  /**
   * node_exporter's rule: a collector runs when {@code --collector.<name>} says so, else when it is
   * on by default and {@code --collector.disable-defaults} is not given.
   */
  Set<String> enabledCollectors() {
    boolean kernelTables = hostBackend().readsKernelTables();
    Set<String> enabled = new LinkedHashSet<>();
    for (CollectorDefinition d : registry.definitions()) {
      Boolean explicit = spec.findOption(flag(d)).getValue();
      boolean byDefault = d.readsKernelTables() ? kernelTables : d.enabledByDefault();
      if (explicit != null ? explicit : byDefault && !disableDefaults) {
        enabled.add(d.name());
      }
    }
    return enabled;
  }

  private static String flag(CollectorDefinition d) {
    return "--collector." + d.name();
  }

  /** The command line as {@code main} and the tests use it. */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return newCommandLine(CollectorRegistry.builtIn(), out, err);
  }

  static CommandLine newCommandLine(CollectorRegistry registry, PrintWriter out, PrintWriter err) {
    CommandLine cl = Commands.configure(new CommandLine(new Main(registry)), out, err);
    // One negatable flag per registered collector, as node_exporter's registerCollector does.
    for (CollectorDefinition d : registry.definitions()) {
      cl.getCommandSpec()
          .addOption(
              OptionSpec.builder(flag(d))
                  .negatable(true)
                  .type(Boolean.class)
                  .description(
                      "Enable the "
                          + d.name()
                          + " collector: "
                          + d.description()
                          + (d.readsKernelTables()
                              ? " (default: enabled with --host.backend=procfs)."
                              : d.enabledByDefault()
                                  ? " (default: enabled)."
                                  : " (default: disabled)."))
                  .build());
    }
    return cl;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(newCommandLine(out, err).execute(args));
  }
}
