package io.hostwatch.registry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.registry.store.Registration;
import io.hostwatch.registry.store.TargetStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/targets}: the registered exporters in Prometheus' {@code http_sd_configs}
 * format, one target group per host, with its labels and {@code host_id}.
 */
public final class TargetsHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TargetStore store;

  public TargetsHandler(TargetStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Registration r : store.list()) {
      Map<String, String> labels = new LinkedHashMap<>(r.labels());
      labels.put("host_id", r.hostId());
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("targets", List.of(r.address()));
      group.put("labels", labels);
      groups.add(group);
    }
    byte[] body = JSON.writeValueAsBytes(groups);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
