package io.hostwatch.exporter.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Announces this exporter to a registry: POSTs {@code {"host_id":..., "address":"host:port",
 * "labels":{...}}} to {@code <url>/api/v1/register} at start and every interval, with the
 * configured credentials ({@link DiscoveryCredentials}). A failure is logged and retried at the
 * next interval, never fatal: the exporter serves metrics regardless.
 *
 * <pre>{@code
 * try (DiscoveryClient c = new DiscoveryClient(config, hostId, "10.0.0.5:9110")) {
 *   c.start();
 * }
 * }</pre>
 */
public final class DiscoveryClient implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(DiscoveryClient.class.getName());

  private final DiscoveryConfig config;
  private final URI endpoint;
  private final String body;
  private final HttpClient http;
  private ScheduledExecutorService timer;
  private volatile boolean lastFailed;

  public DiscoveryClient(DiscoveryConfig config, String hostId, String address) {
    this.config = config;
    String base = config.url().toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/register");
    this.body = registrationJson(hostId, address, config.labels());
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Registers now, then every interval, on a daemon thread. */
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "discovery");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1000, config.interval().toMillis());
    timer.scheduleWithFixedDelay(this::registerLogged, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** One registration; true when the registry answered 2xx. */
  public boolean register() throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    String authorization = config.credentials().authorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "registry answered " + response.statusCode() + ": " + shorten(response.body()));
    }
    return true;
  }

  private void registerLogged() {
    try {
      register();
      if (lastFailed) {
        logger.info("registered with " + endpoint + " again");
      } else {
        logger.fine("registered with " + endpoint);
      }
      lastFailed = false;
    } catch (IOException | RuntimeException e) {
      lastFailed = true;
      logger.warning(
          "registration with "
              + endpoint
              + " failed, will retry in "
              + config.interval().toSeconds()
              + "s: "
              + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The JSON body; labels sorted so the body is the same on every start. */
  static String registrationJson(String hostId, String address, Map<String, String> labels) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"host_id\":").append(quote(hostId));
    sb.append(",\"address\":").append(quote(address));
    sb.append(",\"labels\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      sb.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      first = false;
    }
    return sb.append("}}").toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
