package io.hostwatch.exporter;

import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.exporter.collector.Collector;
import io.hostwatch.exporter.collector.CollectorContext;
import io.hostwatch.exporter.collector.CollectorDefinition;
import io.hostwatch.exporter.collector.CollectorRegistry;
import io.hostwatch.exporter.collector.ScrapeCoordinator;
import io.hostwatch.exporter.discovery.DiscoveryClient;
import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.HostIdentity;
import io.hostwatch.exporter.host.StatfsGuard;
import io.hostwatch.exporter.usage.UsageSampler;
import io.hostwatch.exporter.web.CollectorsMultiCollector;
import io.hostwatch.exporter.web.LandingPageHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/** The running exporter: collectors, sampler, HTTP server, discovery; {@link #close} stops all. */
final class Exporter implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(Exporter.class.getName());

  private final WebServer server;
  private final UsageSampler sampler;
  private final DiscoveryClient discovery;
  private final ExecutorService workers;

  private Exporter(
      WebServer server, UsageSampler sampler, DiscoveryClient discovery, ExecutorService workers) {
    this.server = server;
    this.sampler = sampler;
    this.discovery = discovery;
    this.workers = workers;
  }

  /** Builds the parts from {@code config} and starts serving. */
  static Exporter start(ExporterConfig config, CollectorRegistry registry)
      throws IOException, ConfigException {
    Host host = config.hostBackend().create(config.paths());
    logger.info("host backend " + config.hostBackend().flagValue());
    StatfsGuard statfs = new StatfsGuard(host, config.collectorOptions().mountTimeout());
    UsageSampler sampler =
        new UsageSampler(
            host, statfs, config.collectorOptions(), config.collectorOptions().sampleInterval());
    HostIdentity identity = HostIdentity.detect(config.paths(), host, config.hostIdFile());
    CollectorContext ctx =
        new CollectorContext(host, config.collectorOptions(), statfs, sampler, identity);
    Map<String, Collector> collectors = new LinkedHashMap<>();
    for (CollectorDefinition d : registry.definitions()) {
      if (config.enabledCollectors().contains(d.name())) {
        collectors.put(d.name(), d.factory().apply(ctx));
        logger.info("enabled collector " + d.name());
      }
    }
    if (collectors.containsKey("usage")) {
      sampler.start();
    }
    // At most one run per collector is in flight (ScrapeCoordinator), so this pool stays small.
    ExecutorService workers = Executors.newCachedThreadPool(daemon("collector"));
    ScrapeCoordinator coordinator = new ScrapeCoordinator(collectors, workers);
    PrometheusRegistry prometheus = new PrometheusRegistry();
    prometheus.register(
        new CollectorsMultiCollector(
            coordinator, config.defaultScrapeTimeout(), config.scrapeTimeoutOffset()));
    ProcessMetrics.builder().register(prometheus);
    WebServer server =
        WebServer.builder("exporter")
            .listenAddress(config.listenAddress())
            .webConfigFile(config.webConfigFile())
            .route(config.telemetryPath(), new MetricsHandler(prometheus))
            .route("/", new LandingPageHandler(VersionProvider.version(), config.telemetryPath()))
            .threads(4)
            .start();
    DiscoveryClient discovery = null;
    if (config.discovery().url() != null) {
      String address = config.discovery().address();
      if (address == null) {
        String ip = HostIdentity.primaryAddress();
        address = (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + server.port();
      }
      discovery = new DiscoveryClient(config.discovery(), identity.hostId(), address);
      discovery.start();
    }
    return new Exporter(server, sampler, discovery, workers);
  }

  int port() {
    return server.port();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops accepting, lets scrapes in flight finish (up to 2 s), stops the background work. */
  @Override
  public void close() {
    if (discovery != null) {
      discovery.close();
    }
    server.stop(2);
    sampler.close();
    workers.shutdownNow();
  }
}
