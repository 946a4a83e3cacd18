package io.hostwatch.registry.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.registry.store.TargetStore;
import java.io.IOException;

/**
 * {@code GET /api/v1/targets}: the registered exporters in Prometheus' {@code http_sd_configs}
 * format, one target group per host, with its labels and {@code host_id}. The body is serialized
 * once per change and shared, so many readers cost no more memory than one.
 */
public final class TargetsHandler implements HttpHandler {
  private final TargetStore store;

  public TargetsHandler(TargetStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body = store.targetsJson();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
