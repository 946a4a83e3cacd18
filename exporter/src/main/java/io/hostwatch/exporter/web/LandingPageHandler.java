package io.hostwatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.hostwatch.common.web.HealthHandlers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The page at {@code /}, as exporter-toolkit's landing page: the name, the version and a link to
 * the metrics. Other unknown paths get 404, as {@code /} is the JDK server's catch-all context.
 */
public final class LandingPageHandler implements HttpHandler {
  private final byte[] page;

  public LandingPageHandler(String version, String metricsPath) {
    String html =
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>Hostwatch Exporter</title>"
            + "</head>\n<body>\n<h1>Hostwatch Exporter</h1>\n<p>Prometheus exporter for host"
            + " metrics, node_exporter-compatible. Version "
            + escape(version)
            + ".</p>\n<ul>\n<li><a href=\""
            + escape(metricsPath.substring(1))
            + "\">Metrics</a></li>\n<li><a href=\"-/healthy\">Health</a></li>\n"
            + "</ul>\n</body>\n</html>\n";
    this.page = html.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      HealthHandlers.respond(exchange, 404, "404 page not found\n");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(200, -1);
    } else {
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    }
    exchange.close();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
