package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server every Hostwatch service runs: its routes, {@code /-/healthy} and {@code
 * /-/ready}, and the filters (TLS, basic auth, headers) a web config file asks for.
 *
 * <pre>{@code
 * WebServer server = WebServer.builder("exporter")
 *     .listenAddress(ListenAddress.parse(":9110"))
 *     .route("/metrics", metricsHandler)
 *     .start();
 * }</pre>
 */
public final class WebServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private WebServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
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

    /** Worker threads; requests beyond them queue. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public WebServer start() throws IOException {
      HttpServer server = HttpServer.create(listenAddress.toSocketAddress(), 64);
      Map<String, HttpHandler> all = new LinkedHashMap<>(routes);
      all.putIfAbsent("/-/healthy", HealthHandlers.healthy(serviceName));
      all.putIfAbsent("/-/ready", HealthHandlers.ready(serviceName, ready));
      for (Map.Entry<String, HttpHandler> e : all.entrySet()) {
        HttpContext context = server.createContext(e.getKey(), e.getValue());
        context.getFilters().addAll(filters);
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
      return new WebServer(server, executor);
    }
  }
}
