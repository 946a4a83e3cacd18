package io.hostwatch.forecaster.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /metrics}: the forecasts, then the service's own metrics, in the text format. */
public final class MetricsHandler implements HttpHandler {
  private static final Logger logger = Logger.getLogger(MetricsHandler.class.getName());
  private final ForecastStore store;
  private final ServiceMetrics metrics;

  public MetricsHandler(ForecastStore store, ServiceMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try {
        body = render();
      } catch (RuntimeException | IOException e) {
        logger.log(Level.WARNING, "rendering /metrics failed", e);
        ex.sendResponseHeaders(500, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
      if (!ex.getRequestMethod().equals("HEAD")) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  public byte[] render() throws IOException {
    StringBuilder sb = new StringBuilder(64 * 1024);
    ForecastExposition.write(store.all(), sb);
    ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + 32 * 1024);
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
    return out.toByteArray();
  }
}
