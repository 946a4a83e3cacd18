package io.hostwatch.registry;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.DurationConverter;
import io.hostwatch.common.cli.LogLevelConverter;
import io.hostwatch.common.cli.UntilSigterm;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.common.log.Logging;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.RouteAuth;
import io.hostwatch.common.web.WebConfig;
import io.hostwatch.common.web.WebConfigLoader;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.registry.api.RegisterHandler;
import io.hostwatch.registry.api.TargetsHandler;
import io.hostwatch.registry.policy.AddressPolicy;
import io.hostwatch.registry.policy.Cidr;
import io.hostwatch.registry.policy.LabelPolicy;
import io.hostwatch.registry.store.TargetStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The discovery registry: exporters started with {@code --discovery.url} register here, and
 * Prometheus reads the list through {@code http_sd_configs}. Parses flags and wires the parts.
 */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Keeps the list of exporters that registered themselves and serves it to Prometheus"
            + " (http_sd_configs at /api/v1/targets).")
public final class Main implements Callable<Integer> {
  private static final Logger logger = Logger.getLogger(Main.class.getName());

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9113",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.config.file",
      required = true,
      description =
          "Web config file (exporter-toolkit format). Its basic_auth_users or bearer tokens are"
              + " what registering needs; reading targets, /metrics and health stay open. TLS and"
              + " headers apply to every path.")
  Path webConfigFile;

  @Option(
      names = "--storage.path",
      defaultValue = "data/registry",
      description = "Folder where the registrations are kept (default: ${DEFAULT-VALUE}).")
  Path storagePath;

  @Option(
      names = "--registry.ttl",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Drop a host that has not renewed for this long; at least 3 renew intervals, and"
              + " longer than HostDown's delay, or a dead host stops being a target before it"
              + " alerts (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(
      names = "--registry.allowed-cidrs",
      split = ",",
      defaultValue = AddressPolicy.DEFAULT_ALLOWED,
      description =
          "Address ranges a registered address must lie in, comma-separated (default: loopback"
              + " and private ranges, ${DEFAULT-VALUE}).")
  List<String> allowedCidrs;

  @Option(
      names = "--registry.resolve-hostnames",
      description =
          "Accept host names in addresses when every address they resolve to is allowed"
              + " (checked at registration only; by default only IP addresses are accepted).")
  boolean resolveHostnames;

  @Option(
      names = "--registry.allow-reserved-labels",
      description =
          "Let registrants set job, instance and __* labels (never __address__); refused by"
              + " default.")
  boolean allowReservedLabels;

  @Option(
      names = "--registry.max-targets",
      defaultValue = "5000",
      description =
          "Most hosts registered at once; a new one beyond gets 409 (default: ${DEFAULT-VALUE}).")
  int maxTargets;

  @Option(
      names = "--registry.max-label-bytes",
      defaultValue = "2048",
      description =
          "Most bytes of label names and values per registration; more gets 413 (default:"
              + " ${DEFAULT-VALUE}).")
  int maxLabelBytes;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      converter = LogLevelConverter.class,
      description = "debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  Logging.LogLevel logLevel;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.configure(logLevel, System.err);
    ListenAddress address;
    List<Cidr> cidrs = new ArrayList<>();
    try {
      address = ListenAddress.parse(listenAddress);
      for (String c : allowedCidrs) {
        cidrs.add(Cidr.parse(c));
      }
      if (maxTargets < 1 || maxLabelBytes < 0) {
        throw new IllegalArgumentException(
            "--registry.max-targets must be at least 1 and --registry.max-label-bytes at least 0");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    WebConfig web = WebConfigLoader.load(webConfigFile);
    if (!web.authRequired()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          webConfigFile
              + ": no basic_auth_users, bearer_tokens or bearer_token_file; registering needs"
              + " credentials");
    }
    TargetStore store = new TargetStore(storagePath, ttl, Clock.systemUTC(), maxTargets);
    store.load();

    PrometheusRegistry registry = new PrometheusRegistry();
    Counter requests =
        Counter.builder()
            .name("hostwatch_registry_register_requests_total")
            .help("Registration requests by result (ok, rejected, failed).")
            .labelNames("result")
            .register(registry);
    GaugeWithCallback.builder()
        .name("hostwatch_registry_targets")
        .help("Exporters currently registered.")
        .callback(cb -> cb.call(store.size()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hostwatch_registry_expired_total")
        .help("Registrations dropped because they were not renewed within the TTL.")
        .callback(cb -> cb.call(store.expiredTotal()))
        .register(registry);

    ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor();
    long period = Math.max(1, ttl.toMillis() / 10);
    expiry.scheduleAtFixedRate(store::expire, period, period, TimeUnit.MILLISECONDS);

    WebServer server =
        WebServer.builder("Hostwatch registry")
            .listenAddress(address)
            .webConfig(RouteAuth.withoutCredentials(web))
            .route(
                "/api/v1/register",
                RouteAuth.require(
                    web,
                    new RegisterHandler(
                        store,
                        new LabelPolicy(allowReservedLabels, maxLabelBytes),
                        new AddressPolicy(cidrs, resolveHostnames),
                        requests)))
            .route("/api/v1/targets", new TargetsHandler(store))
            .route("/metrics", new MetricsHandler(registry))
            .start();
    logger.info(
        "listening on "
            + address
            + " (http_sd at /api/v1/targets, open; /api/v1/register needs credentials)");
    return UntilSigterm.await(
        logger,
        () -> {
          server.stop(2);
          expiry.shutdownNow();
          store.close();
        });
  }

  /** The command line as {@code main} and the tests use it. */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return Commands.configure(new CommandLine(new Main()), out, err);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(newCommandLine(out, err).execute(args));
  }
}
