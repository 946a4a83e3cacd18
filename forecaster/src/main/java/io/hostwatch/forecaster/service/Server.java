package io.hostwatch.forecaster.service;

import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.cli.UntilSigterm;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.log.Logging;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.forecaster.config.ForecasterConfig;
import io.hostwatch.forecaster.config.ForecasterConfigLoader;
import io.hostwatch.forecaster.export.ForecastCollector;
import io.hostwatch.forecaster.export.ForecastStore;
import io.hostwatch.forecaster.export.ServiceMetrics;
import io.hostwatch.forecaster.prom.PrometheusClient;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/** Wires config, client, service and web server, then serves until SIGTERM. */
public final class Server {
  private static final Logger logger = Logger.getLogger(Server.class.getName());

  private Server() {}

  public static int run(ServeOptions o, PrintWriter err) throws ConfigException, IOException {
    ListenAddress address;
    Duration backoff = o.backoff;
    try {
      address = ListenAddress.parse(o.listenAddress);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(new ConfigError("command line", 0, 0, "", e.getMessage()));
    }
    Logging.configure(o.logLevel, System.err);
    ForecasterConfig config = ForecasterConfigLoader.load(o.configFile);
    if (o.shard != null) {
      try {
        config = config.withShard(o.shard);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(new ConfigError("command line", 0, 0, "--shard", e.getMessage()));
      }
    }
    PrometheusClient client;
    try {
      client = new PrometheusClient(config.prometheus(), o.attempts, backoff);
    } catch (IllegalArgumentException e) { // an unreadable CA or key
      throw new ConfigException(
          new ConfigError(o.configFile.toString(), 0, 0, "prometheus.tls_config", e.getMessage()));
    }
    ForecastStore store = new ForecastStore();
    ServiceMetrics metrics = new ServiceMetrics(store, System::currentTimeMillis);
    ForecastService service =
        new ForecastService(config, client, store, metrics, System::currentTimeMillis);
    WebServer web = web(address, o.webConfigFile, store, metrics, service::ready);
    logger.info(
        "listening address="
            + web.address()
            + " forecasts="
            + config.forecasts().size()
            + " prometheus="
            + config.prometheus().url()
            + " shard="
            + config.shardOrDefault());
    service.start();
    try {
      return UntilSigterm.await(
          logger,
          () -> {
            web.stop(2);
            service.close();
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    }
  }

  /**
   * Serves {@code /metrics} (the forecasts beside the service's and the JVM's metrics, in the
   * format and encoding the scraper asks for), {@code /-/healthy} and {@code /-/ready}.
   */
  static WebServer web(
      ListenAddress address,
      Path webConfigFile,
      ForecastStore store,
      ServiceMetrics metrics,
      BooleanSupplier ready)
      throws ConfigException, IOException {
    PrometheusRegistry registry = metrics.registry();
    registry.register(new ForecastCollector(store));
    return WebServer.builder("forecaster")
        .listenAddress(address)
        .webConfigFile(webConfigFile)
        .route("/metrics", new MetricsHandler(registry))
        .readiness(ready)
        .start();
  }
}
