package io.hostwatch.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.common.web.HealthHandlers;
import io.hostwatch.common.web.RouteAuth;
import io.hostwatch.registry.policy.AddressPolicy;
import io.hostwatch.registry.policy.LabelPolicy;
import io.hostwatch.registry.store.Registration;
import io.hostwatch.registry.store.TargetStore;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/register} with {@code {"host_id": "...", "address": "host:port", "labels":
 * {...}}}: adds or renews one exporter on behalf of the authenticated principal (the route is
 * behind {@link io.hostwatch.common.web.RouteAuth}). A refused request changes nothing and gets a
 * 4xx with the reason: 400 malformed or reserved labels, 403 an address outside the allowed ranges
 * or a host id registered by someone else, 409 the registry is full, 413 too large.
 */
public final class RegisterHandler implements HttpHandler {
  static final int MAX_BODY = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TargetStore store;
  private final LabelPolicy labelPolicy;
  private final AddressPolicy addressPolicy;
  private final Counter requests;

  public RegisterHandler(
      TargetStore store, LabelPolicy labelPolicy, AddressPolicy addressPolicy, Counter requests) {
    this.store = store;
    this.labelPolicy = labelPolicy;
    this.addressPolicy = addressPolicy;
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
    LabelPolicy.Refusal refusal = labelPolicy.check(labels);
    if (refusal != null) {
      reply(exchange, refusal.status(), refusal.message() + "\n", "rejected");
      return;
    }
    problem = addressPolicy.check(address);
    if (problem != null) {
      reply(exchange, 403, problem + "\n", "rejected");
      return;
    }
    store(exchange, hostId, address, labels);
  }

  private void store(
      HttpExchange exchange, String hostId, String address, Map<String, String> labels)
      throws IOException {
    String principal = RouteAuth.principal(exchange);
    TargetStore.Outcome outcome;
    try {
      outcome = store.register(hostId, address, labels, principal);
    } catch (IOException e) {
      reply(exchange, 503, "cannot persist the registration: " + e.getMessage() + "\n", "failed");
      return;
    }
    switch (outcome) {
      case NOT_OWNER ->
          reply(
              exchange,
              403,
              "host_id \""
                  + hostId
                  + "\" is registered with other credentials; only they can change it\n",
              "rejected");
      case FULL ->
          reply(
              exchange,
              409,
              "registry full: it holds its maximum of targets (--registry.max-targets)\n",
              "rejected");
      default -> reply(exchange, 200, "registered\n", "ok");
    }
  }

  private void reply(HttpExchange exchange, int status, String body, String result)
      throws IOException {
    requests.labelValues(result).inc();
    HealthHandlers.respond(exchange, status, body);
  }
}
