package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.hostwatch.common.config.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The HTTP server every Hostwatch service runs: its routes, {@code /-/healthy} and {@code
 * /-/ready}, and the filters (TLS, basic auth, headers) a web config file asks for.
 *
 * <pre>{@code
 * WebServer server = WebServer.builder("exporter")
 *     .listenAddress(ListenAddress.parse(":9110"))
 *     .webConfigFile(webConfigFile) // --web.config.file; null means plain HTTP
 *     .route("/metrics", metricsHandler)
 *     .start();
 * }</pre>
 *
 * <p>With a web config, every route (health endpoints included, as in Prometheus) is behind its
 * authentication, and TLS, when configured, is the only protocol on the port.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(WebServer.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;

  private WebServer(HttpServer server, ExecutorService executor, boolean tls) {
    this.server = server;
    this.executor = executor;
    this.tls = tls;
  }

  public static Builder builder(String serviceName) {
    return new Builder(serviceName);
  }

  /** The bound address (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Whether the server speaks HTTPS (the web config has a {@code tls_server_config}). */
  public boolean tls() {
    return tls;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return tls ? "https" : "http";
  }

  /** Stops accepting, lets requests in flight finish for up to {@code graceSeconds}. */
  public void stop(int graceSeconds) {
    server.stop(graceSeconds);
    executor.shutdown();
    try {
      executor.awaitTermination(graceSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(1);
  }

  /** Collects routes and options, then binds. */
  public static final class Builder {
    private final String serviceName;
    private ListenAddress listenAddress = new ListenAddress("127.0.0.1", 0);
    private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
    private final List<Filter> filters = new ArrayList<>();
    private BooleanSupplier ready = () -> true;
    private int threads = 4;
    private WebConfig webConfig = WebConfig.plain();

    private Builder(String serviceName) {
      this.serviceName = serviceName;
    }

    public Builder listenAddress(ListenAddress address) {
      this.listenAddress = address;
      return this;
    }

    /**
     * Serves {@code handler} at {@code path} (and below it, as the JDK server matches prefixes).
     */
    public Builder route(String path, HttpHandler handler) {
      routes.put(path, handler);
      return this;
    }

    /** A filter applied to every route, health endpoints included. */
    public Builder filter(Filter filter) {
      filters.add(filter);
      return this;
    }

    /** What {@code /-/ready} reports; ready by default. */
    public Builder readiness(BooleanSupplier ready) {
      this.ready = ready;
      return this;
    }

    /**
     * Loads and checks {@code --web.config.file} now (exporter-toolkit format: TLS, basic auth,
     * headers), so a bad file fails start-up with file:line:col before anything binds. {@code null}
     * means no file: plain HTTP, no authentication.
     *
     * @throws ConfigException every problem in the file, printable as is (exit code 2)
     */
    public Builder webConfigFile(Path file) throws ConfigException {
      this.webConfig = file == null ? WebConfig.plain() : WebConfigLoader.load(file);
      return this;
    }

    /** An already loaded web config (see {@link WebConfigLoader}); {@code null} means plain. */
    public Builder webConfig(WebConfig config) {
      this.webConfig = config == null ? WebConfig.plain() : config;
      return this;
    }

    /** Worker threads; requests beyond them queue. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound, or the web config's files changed since
     *     they were loaded and no longer work
     */
    public WebServer start() throws IOException {
      HttpServer server = createServer();
      List<Filter> all = new ArrayList<>(WebConfigFilters.of(webConfig));
      all.addAll(filters);
      Map<String, HttpHandler> handlers = new LinkedHashMap<>(routes);
      handlers.putIfAbsent("/-/healthy", HealthHandlers.healthy(serviceName));
      handlers.putIfAbsent("/-/ready", HealthHandlers.ready(serviceName, ready));
      for (Map.Entry<String, HttpHandler> e : handlers.entrySet()) {
        HttpContext context = server.createContext(e.getKey(), e.getValue());
        context.getFilters().addAll(all);
      }
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, serviceName + "-http");
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      server.start();
      logger.info(
          "Listening on address="
              + server.getAddress()
              + " tls="
              + webConfig.tlsEnabled()
              + " auth="
              + webConfig.authRequired());
      return new WebServer(server, executor, webConfig.tlsEnabled());
    }

    private HttpServer createServer() throws IOException {
      if (!webConfig.tlsEnabled()) {
        return HttpServer.create(listenAddress.toSocketAddress(), 64);
      }
      TlsContexts.TlsSetup setup;
      try {
        setup = TlsContexts.create(webConfig.tlsServerConfig());
      } catch (TlsConfigException e) {
        String key = e.key().isEmpty() ? "" : "." + e.key();
        throw new IOException("web config: tls_server_config" + key + ": " + e.getMessage(), e);
      }
      HttpsServer https = HttpsServer.create(listenAddress.toSocketAddress(), 64);
      https.setHttpsConfigurator(
          new HttpsConfigurator(setup.context()) {
            @Override
            public void configure(HttpsParameters params) {
              params.setSSLParameters(setup.parameters());
            }
          });
      return https;
    }
  }
}
