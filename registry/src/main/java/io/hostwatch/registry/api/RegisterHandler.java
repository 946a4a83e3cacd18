package io.hostwatch.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.common.web.HealthHandlers;
import io.hostwatch.registry.store.Registration;
import io.hostwatch.registry.store.TargetStore;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/register} with {@code {"host_id": "...", "address": "host:port", "labels":
 * {...}}}: adds or renews one exporter. Bad requests get 400 with the reason and change nothing.
 */
public final class RegisterHandler implements HttpHandler {
  static final int MAX_BODY = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TargetStore store;
  private final Counter requests;

  public RegisterHandler(TargetStore store, Counter requests) {
    this.store = store;
    this.requests = requests;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      reply(exchange, 405, "method not allowed (expected POST)\n", "rejected");
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      reply(exchange, 413, "body larger than " + MAX_BODY + " bytes\n", "rejected");
      return;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      reply(exchange, 400, "malformed JSON\n", "rejected");
      return;
    }
    if (root == null || !root.isObject()) {
      reply(exchange, 400, "expected a JSON object\n", "rejected");
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode labelsNode = root.path("labels");
    if (labelsNode.isObject()) {
      for (Map.Entry<String, JsonNode> e : labelsNode.properties()) {
        labels.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null);
      }
    } else if (!labelsNode.isMissingNode() && !labelsNode.isNull()) {
      reply(exchange, 400, "labels: expected an object\n", "rejected");
      return;
    }
    String hostId = root.path("host_id").isTextual() ? root.path("host_id").asText() : null;
    String address = root.path("address").isTextual() ? root.path("address").asText() : null;
    String problem = Registration.validate(hostId, address, labels);
    if (problem != null) {
      reply(exchange, 400, problem + "\n", "rejected");
      return;
    }
    try {
      store.register(hostId, address, labels);
    } catch (IOException e) {
      reply(exchange, 503, "cannot persist the registration: " + e.getMessage() + "\n", "failed");
      return;
    }
    reply(exchange, 200, "registered\n", "ok");
  }

  private void reply(HttpExchange exchange, int status, String body, String result)
      throws IOException {
    requests.labelValues(result).inc();
    HealthHandlers.respond(exchange, status, body);
  }
}
