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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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

  /**
   * Threads that read connections at most; handlers run {@code threads} at a time on them. Made on
   * demand and idle ones exit, so the number only matters under load: it is how many clients that
   * send slowly (each holds a thread until {@code maxReqTime}) it takes to delay the others.
   */
  static final int IO_THREADS = 256;

  /** Seconds a client gets to send a request's headers (the TLS handshake included). */
  static final String MAX_REQUEST_TIME_SECONDS = "10";

  static {
    // The JDK server waits forever for a request's headers by default, so a few connections
    // that send one byte and stall (a port scanner, a half-open TLS handshake) hold every worker
    // thread and the service stops answering. This bounds that wait; handlers themselves are not
    // limited by it. It is a JVM-wide setting read when the JDK server first loads, so an
    // explicit -Dsun.net.httpserver.maxReqTime wins.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_TIME_SECONDS);
    }
    // It also leaves Nagle's algorithm on. It writes a response's headers and body separately, so
    // the body waits for the client's delayed ACK (40 ms on Linux): a webhook acknowledged in
    // 1 ms took 5-50 ms. Go's net/http, which node_exporter and Prometheus use, sets TCP_NODELAY.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

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
    private final Map<String, HttpHandler> selfLimitedRoutes = new LinkedHashMap<>();
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

    /**
     * Serves a handler that limits its own concurrency instead of taking one of the {@link
     * #threads} permits: one that reads request bodies, which a slow client can drip for as long as
     * {@code maxReqTime}, and must not hold a permit everyone else waits for meanwhile.
     */
    public Builder selfLimitedRoute(String path, HttpHandler handler) {
      selfLimitedRoutes.put(path, handler);
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

    /**
     * Requests handled at once; requests beyond them queue. Connections are read on a separate,
     * larger pool, so clients that connect and stall cannot take these threads.
     */
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
      List<Filter> all = new ArrayList<>(WebConfigFilters.of(webConfig));
      all.add(new ConcurrencyFilter(threads));
      all.addAll(filters);
      HttpServer server = createServer(); // binds: after everything that can fail
      Map<String, HttpHandler> handlers = new LinkedHashMap<>(routes);
      handlers.putIfAbsent("/-/healthy", HealthHandlers.healthy(serviceName));
      handlers.putIfAbsent("/-/ready", HealthHandlers.ready(serviceName, ready));
      for (Map.Entry<String, HttpHandler> e : handlers.entrySet()) {
        HttpContext context = server.createContext(e.getKey(), e.getValue());
        context.getFilters().addAll(all);
      }
      List<Filter> unthrottled = new ArrayList<>(all);
      unthrottled.removeIf(f -> f instanceof ConcurrencyFilter);
      for (Map.Entry<String, HttpHandler> e : selfLimitedRoutes.entrySet()) {
        server.createContext(e.getKey(), e.getValue()).getFilters().addAll(unthrottled);
      }
      ExecutorService executor = ioExecutor();
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

    /**
     * The JDK server reads a request (and does the TLS handshake) on the executor's thread, so a
     * stalled client holds one until {@code sun.net.httpserver.maxReqTime}. Idle threads are reused
     * first, new ones made up to {@link #IO_THREADS} so a few stalled clients cannot starve
     * everyone, and beyond that connections queue on {@code threads} more; idle threads exit after
     * a minute.
     */
    private ExecutorService ioExecutor() {
      ThreadFactory factory =
          r -> {
            Thread t = new Thread(r, serviceName + "-http");
            t.setDaemon(true);
            return t;
          };
      ThreadPoolExecutor overflow =
          new ThreadPoolExecutor(
              threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
      overflow.allowCoreThreadTimeOut(true);
      return new ThreadPoolExecutor(
          0,
          Math.max(threads, IO_THREADS),
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          factory,
          (task, pool) -> overflow.execute(task)) {
        @Override
        protected void terminated() {
          overflow.shutdown();
        }
      };
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
      if (webConfig.tlsServerConfig().curvePreferences() != null) {
        logger.warning(
            "curve_preferences is not applied: JDK 17 has no per-server setting"
                + " (set -Djdk.tls.namedGroups instead)");
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
