package io.hostwatch.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * {@code /-/healthy} and {@code /-/ready} as Prometheus and Alertmanager answer them: 200 with a
 * short text, and 503 from {@code /-/ready} until the service can do its job.
 */
public final class HealthHandlers {
  private HealthHandlers() {}

  /** Always 200 while the process serves HTTP. */
  public static HttpHandler healthy(String serviceName) {
    return exchange -> respond(exchange, 200, serviceName + " is Healthy.\n");
  }

  /** 200 when {@code ready} says so, else 503. */
  public static HttpHandler ready(String serviceName, BooleanSupplier ready) {
    return exchange -> {
      if (ready.getAsBoolean()) {
        respond(exchange, 200, serviceName + " is Ready.\n");
      } else {
        respond(exchange, 503, "Service Unavailable\n");
      }
    };
  }

  /** Writes a plain-text response and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
