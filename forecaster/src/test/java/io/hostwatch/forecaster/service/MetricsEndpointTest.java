package io.hostwatch.forecaster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.WebServer;
import io.hostwatch.forecaster.export.ForecastBatch;
import io.hostwatch.forecaster.export.ForecastStore;
import io.hostwatch.forecaster.export.SeriesForecast;
import io.hostwatch.forecaster.export.ServiceMetrics;
import io.hostwatch.forecaster.model.DataIssue;
import io.hostwatch.forecaster.model.Forecast;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecaster's web server as {@link Server} wires it, over real HTTP. */
class MetricsEndpointTest {
  static final String PROTOBUF =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
          + " encoding=delimited";
  static final String FLAT_TTT =
      "hostwatch_forecast_time_to_threshold_seconds{forecast=\"disk_avail\",instance=\"h:9100\"}"
          + " +Inf\n";

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private WebServer server;
  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void start(Path webConfig) throws Exception {
    ForecastStore store = new ForecastStore();
    store.put(
        new ForecastBatch(
            "disk_avail",
            List.of(Duration.ofHours(1), Duration.ofHours(6)),
            Duration.ofMinutes(5),
            true,
            List.of(new SeriesForecast(Map.of("instance", "h:9100"), flat())),
            0));
    server =
        Server.web(
            new ListenAddress("127.0.0.1", 0),
            webConfig,
            store,
            new ServiceMetrics(store, () -> 0),
            ready::get);
  }

  @Test
  void textByDefault() throws Exception {
    start(null);
    HttpResponse<byte[]> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(contentType(r).startsWith("text/plain; version=0.0.4"), contentType(r));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertTrue(body.contains(FLAT_TTT), body);
    assertTrue(body.contains("# TYPE hostwatch_forecaster_forecast_age_seconds gauge\n"), body);
    assertTrue(body.contains("# TYPE jvm_memory_used_bytes gauge\n"), body);
  }

  @Test
  void openMetricsOnRequest() throws Exception {
    start(null);
    HttpResponse<byte[]> r =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertTrue(contentType(r).startsWith("application/openmetrics-text"), contentType(r));
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertTrue(body.contains(FLAT_TTT), body);
    assertTrue(body.contains("# TYPE hostwatch_forecast_model info\n"), body);
    assertTrue(body.endsWith("# EOF\n"), body);
  }

  @Test
  void protobufOnRequest() throws Exception {
    start(null);
    HttpResponse<byte[]> r = get("/metrics", "Accept", PROTOBUF);
    assertTrue(contentType(r).startsWith("application/vnd.google.protobuf"), contentType(r));
    List<String> families = familyNames(r.body());
    for (String name :
        List.of(
            "hostwatch_forecast",
            "hostwatch_forecast_lower",
            "hostwatch_forecast_upper",
            "hostwatch_forecast_time_to_threshold_seconds",
            "hostwatch_forecast_model_info",
            "hostwatch_forecaster_forecast_age_seconds")) {
      assertTrue(families.contains(name), name + " missing in " + families);
    }
  }

  @Test
  void gzipOnRequest() throws Exception {
    start(null);
    HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(body.contains(FLAT_TTT), body);
    }
  }

  @Test
  void healthAndReadinessAsBefore() throws Exception {
    start(null);
    assertEquals(200, get("/-/healthy").statusCode());
    assertEquals(503, get("/-/ready").statusCode());
    ready.set(true);
    assertEquals(200, get("/-/ready").statusCode());
  }

  @Test
  void webConfigBasicAuthGuardsEveryRoute() throws Exception {
    String hash = BCrypt.withDefaults().hashToString(4, "pw".toCharArray()); // cost 4: fast test
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "basic_auth_users:\n  prometheus: '" + hash + "'\n");
    start(web);
    assertEquals(401, get("/metrics").statusCode());
    assertEquals(401, get("/-/healthy").statusCode());
    String auth =
        "Basic "
            + Base64.getEncoder().encodeToString("prometheus:pw".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r = get("/metrics", "Authorization", auth);
    assertEquals(200, r.statusCode());
    assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains(FLAT_TTT));
  }

  /** The {@code name} (field 1) of each length-delimited MetricFamily message. */
  static List<String> familyNames(byte[] body) throws IOException {
    List<String> names = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    while (in.available() > 0) {
      byte[] message = in.readNBytes((int) varint(in));
      ByteArrayInputStream m = new ByteArrayInputStream(message);
      while (m.available() > 0) {
        long key = varint(m);
        int wireType = (int) (key & 7);
        if (wireType == 0) { // the type, an enum
          varint(m);
          continue;
        }
        if (wireType != 2) { // name, help, unit and the metrics are length-delimited
          throw new IOException("unexpected wire type " + wireType);
        }
        byte[] field = m.readNBytes((int) varint(m));
        if (key >>> 3 == 1) {
          names.add(new String(field, StandardCharsets.UTF_8));
        }
      }
    }
    return names;
  }

  private static long varint(InputStream in) throws IOException {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("truncated varint");
      }
      value |= (long) (b & 0x7f) << shift;
      if (b < 0x80) {
        return value;
      }
    }
  }

  private static String contentType(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A flat series: never crosses its threshold. */
  static Forecast flat() {
    double inf = Double.POSITIVE_INFINITY;
    return new Forecast(
        "median",
        EnumSet.noneOf(DataIssue.class),
        new int[] {12, 72},
        new double[] {5e11, 5e11},
        new double[] {4.9e11, 4.8e11},
        new double[] {5.1e11, 5.2e11},
        inf,
        inf,
        inf,
        0,
        false,
        false,
        0,
        0,
        576);
  }
}
