package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;

/**
 * The web config's credentials on some routes only, for a service whose other routes stay open (the
 * registry: exporters register with credentials, Prometheus reads the targets without). Serve the
 * server with {@link #withoutCredentials} and wrap the guarded handlers with {@link #require}:
 *
 * <pre>{@code
 * WebConfig web = WebConfigLoader.load(file);
 * WebServer.builder("registry")
 *     .webConfig(RouteAuth.withoutCredentials(web)) // TLS, headers, rate limit: every route
 *     .route("/api/v1/register", RouteAuth.require(web, registerHandler))
 *     .route("/api/v1/targets", targetsHandler)
 *     .start();
 * }</pre>
 */
public final class RouteAuth {
  /** Exchange attribute the authentication sets to who the credentials belong to. */
  public static final String PRINCIPAL_ATTRIBUTE = "io.hostwatch.web.principal";

  private RouteAuth() {}

  /** The same config with no basic auth users and no bearer tokens. */
  public static WebConfig withoutCredentials(WebConfig c) {
    return new WebConfig(
        c.tlsServerConfig(), c.httpServerConfig(), null, c.rateLimit(), null, null);
  }

  /**
   * {@code handler} behind the config's credentials: 401 without valid ones, as with a whole
   * server. The config must ask for credentials ({@link WebConfig#authRequired}).
   *
   * @throws IOException when the bearer token file cannot be read
   */
  public static HttpHandler require(WebConfig c, HttpHandler handler) throws IOException {
    if (!c.authRequired()) {
      throw new IllegalArgumentException("the web config asks for no credentials");
    }
    Filter auth = WebConfigFilters.authFilter(c);
    return exchange -> auth.doFilter(exchange, new Filter.Chain(List.of(), handler));
  }

  /**
   * Who authenticated this request: {@code user:NAME} (basic auth) or {@code token:HEX} (the first
   * 8 bytes of the bearer token's SHA-256); null when no credentials were checked.
   */
  public static String principal(HttpExchange exchange) {
    Object p = exchange.getAttribute(PRINCIPAL_ATTRIBUTE);
    return p instanceof String s ? s : null;
  }
}
