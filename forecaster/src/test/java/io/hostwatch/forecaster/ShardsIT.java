package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas splitting a fleet: 3,000 series (500 hosts, 6 filesystems each) backfilled into a real
 * Prometheus, forecast by three forecasters started with {@code --shard=0/3 … 2/3}: every series is
 * served by exactly one of them. Then by two ({@code 0/2, 1/2}): hosts move, none is lost or served
 * twice. Each replica asks Prometheus part by part, so this also runs the split queries against a
 * real Prometheus.
 */
class ShardsIT {
  private static final int HOSTS = 500;
  private static final int FILESYSTEMS = 6;
  private static final int POINTS = 72;
  private static final long STEP = 300;
  private static final Pattern FORECAST =
      Pattern.compile("(?m)^hostwatch_forecast\\{([^}]*horizon=\"1h\"[^}]*)\\} ");
  private static final Pattern LABEL = Pattern.compile("(instance|mountpoint)=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void everySeriesIsServedByExactlyOneReplicaWhateverTheirNumber() throws Exception {
    Path prometheus = Binaries.require("prometheus");
    long end = System.currentTimeMillis() / 1000 / STEP * STEP - STEP;
    Path data = backfill(end);
    int promPort = FreePorts.next();
    Files.writeString(dir.resolve("prometheus.yml"), "global: {scrape_interval: 1m}\n");
    try (RealProcess prom =
        RealProcess.start(
                "prometheus",
                dir,
                List.of(
                    prometheus.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + data,
                    "--storage.tsdb.retention.time=30d",
                    "--web.listen-address=127.0.0.1:" + promPort))
            .awaitReady("http://127.0.0.1:" + promPort + "/-/ready", Duration.ofSeconds(60))) {
      Files.writeString(
          dir.resolve("forecaster.yml"),
          String.join(
              "\n",
              "prometheus: {url: 'http://127.0.0.1:" + promPort + "'}",
              "interval: 1h",
              "forecasts:",
              "  - name: disk_avail",
              "    query: node_filesystem_avail_bytes{fstype=\"ext4\"}",
              "    lookback: 6h",
              "    step: 5m",
              "    horizons: [1h]",
              "    model: linear",
              ""));

      Map<String, Integer> byThree = served(3);
      assertEquals(HOSTS * FILESYSTEMS, byThree.size(), "every series served by one of three");
      Map<String, Integer> byTwo = served(2);
      assertEquals(byThree.keySet(), byTwo.keySet(), "the same series, served by two");
      long moved =
          byThree.keySet().stream().filter(k -> !byThree.get(k).equals(byTwo.get(k))).count();
      assertTrue(moved > 0 && moved < byThree.size(), moved + " series moved");
    }
  }

  /**
   * Runs {@code n} replicas until each has served, and returns which replica served each series
   * ({@code instance mountpoint}), failing on a series served twice.
   */
  private Map<String, Integer> served(int n) throws Exception {
    List<RealProcess> replicas = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        int port = FreePorts.next();
        ports.add(port);
        replicas.add(
            RealProcess.start(
                "forecaster-" + i + "-of-" + n,
                dir,
                RealProcess.javaJar(
                    ModuleJars.of("forecaster"),
                    "--config.file=" + dir.resolve("forecaster.yml"),
                    "--shard=" + i + "/" + n,
                    "--web.listen-address=127.0.0.1:" + port)));
      }
      Map<String, Integer> owner = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String base = "http://127.0.0.1:" + ports.get(i);
        replicas.get(i).awaitReady(base + "/-/ready", Duration.ofSeconds(120));
        String body = get(base + "/metrics");
        Set<String> mine = new HashSet<>();
        Matcher m = FORECAST.matcher(body);
        while (m.find()) {
          Map<String, String> labels = new HashMap<>();
          Matcher l = LABEL.matcher(m.group(1));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
          String key = labels.get("instance") + " " + labels.get("mountpoint");
          assertTrue(mine.add(key), key + " twice in replica " + i);
          Integer before = owner.put(key, i);
          assertTrue(before == null, key + " served by replicas " + before + " and " + i);
        }
        assertTrue(
            mine.size() > HOSTS * FILESYSTEMS / n / 2,
            "replica " + i + "/" + n + " served " + mine.size() + "\n" + replicas.get(i).log());
      }
      return owner;
    } finally {
      for (RealProcess r : replicas) {
        r.close();
      }
    }
  }

  private Path backfill(long end) throws Exception {
    Path om = dir.resolve("fleet.om");
    try (BufferedWriter w = Files.newBufferedWriter(om)) {
      w.write("# TYPE node_filesystem_avail_bytes gauge\n");
      for (int h = 0; h < HOSTS; h++) {
        for (int f = 0; f < FILESYSTEMS; f++) {
          String labels =
              String.format(
                  "{instance=\"10.1.%d.%d:9100\",device=\"/dev/sd%c1\",fstype=\"ext4\","
                      + "mountpoint=\"/srv/%d\"}",
                  h / 250, h % 250, (char) ('a' + f), f);
          for (int i = 0; i < POINTS; i++) {
            long v = 50_000_000_000L - (h + 1L) * (f + 1L) * 1000 * i;
            w.write("node_filesystem_avail_bytes" + labels + " " + v + " ");
            w.write((end - (POINTS - 1 - i) * STEP) + "\n");
          }
        }
      }
      w.write("# EOF\n");
    }
    Path data = dir.resolve("data");
    Backfill.into(data, om);
    Files.delete(om);
    return data;
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }
}
