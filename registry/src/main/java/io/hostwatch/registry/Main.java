package io.hostwatch.registry;

import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.common.config.Durations;
import io.hostwatch.common.log.Logging;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.registry.api.RegisterHandler;
import io.hostwatch.registry.api.TargetsHandler;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      description = "Web config file for TLS and basic auth (exporter-toolkit format).")
  Path webConfigFile;

  @Option(
      names = "--storage.path",
      defaultValue = "data/registry",
      description = "Folder where the registrations are kept (default: ${DEFAULT-VALUE}).")
  Path storagePath;

  @Option(
      names = "--registry.ttl",
      defaultValue = "2m",
      description =
          "Drop a host that has not renewed for this long; at least 3 renew intervals"
              + " (default: ${DEFAULT-VALUE}).")
  String ttl;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      description = "debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  Logging.LogLevel logLevel;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    Logging.configure(logLevel, System.err);
    Duration ttlDuration;
    ListenAddress address;
    try {
      ttlDuration = Durations.parse(ttl);
      address = ListenAddress.parse(listenAddress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    TargetStore store =
        new TargetStore(storagePath.resolve("targets.json"), ttlDuration, Clock.systemUTC());
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
        .callback(cb -> cb.call(store.list().size()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hostwatch_registry_expired_total")
        .help("Registrations dropped because they were not renewed within the TTL.")
        .callback(cb -> cb.call(store.expiredTotal()))
        .register(registry);

    ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor();
    long period = Math.max(1, ttlDuration.toMillis() / 10);
    expiry.scheduleAtFixedRate(store::expire, period, period, TimeUnit.MILLISECONDS);

    WebServer server =
        WebServer.builder("Hostwatch registry")
            .listenAddress(address)
            .webConfigFile(webConfigFile)
            .route("/api/v1/register", new RegisterHandler(store, requests))
            .route("/api/v1/targets", new TargetsHandler(store))
            .route("/metrics", new MetricsHandler(registry))
            .start();
    logger.info("listening on " + address + " (http_sd at /api/v1/targets)");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  logger.info("shutting down");
                  server.stop(2);
                  expiry.shutdownNow();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
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
