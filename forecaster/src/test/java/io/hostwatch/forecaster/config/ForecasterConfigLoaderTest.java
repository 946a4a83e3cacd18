package io.hostwatch.forecaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.config.ConfigException;
import io.hostwatch.forecaster.model.ModelKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterConfigLoaderTest {
  static Path fixture(String name) {
    return Path.of("src/test/resources/config", name);
  }

  @Test
  void readsEveryKey() throws Exception {
    ForecasterConfig c = ForecasterConfigLoader.load(fixture("full.good.yml"));
    assertEquals("https://prom.example.com:9090/", c.prometheus().url());
    assertEquals("forecaster", c.prometheus().basicAuth().username());
    assertEquals(
        fixture("secret.txt").toAbsolutePath().normalize(),
        c.prometheus().basicAuth().passwordFile().toAbsolutePath().normalize());
    assertEquals("prom.example.com", c.prometheus().tlsConfig().serverName());
    assertEquals(Duration.ofSeconds(20), c.prometheus().timeoutOrDefault());
    assertEquals(2, c.parallelismOrDefault());
    ForecastConfig disk = c.forecasts().get(0);
    assertEquals(
        List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24)), disk.horizons());
    assertEquals(0.0, disk.threshold());
    assertEquals(ModelKind.AUTO, disk.modelOrDefault());
    ForecastConfig cpu = c.forecasts().get(1);
    assertEquals(ModelKind.HOLT_WINTERS, cpu.model());
    assertEquals(Duration.ofDays(1), cpu.seasonOrDefault());
    assertEquals(0.9, cpu.level());
    assertEquals(4, cpu.anomalyRun());
  }

  /** The file rules-gen generates (a copy of its golden output): the shared contract. */
  @Test
  void readsWhatRulesGenGenerates() throws Exception {
    ForecasterConfig c = ForecasterConfigLoader.load(fixture("rules-gen.good.yml"));
    ForecastConfig disk = c.forecasts().get(0);
    assertEquals("disk_avail", disk.name());
    assertEquals(0.0, disk.threshold());
    assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(4)), disk.horizonsOrDefault());
    for (int i = 1; i <= 2; i++) {
      ForecastConfig percent = c.forecasts().get(i);
      assertEquals(i == 1 ? "cpu_busy" : "memory_used", percent.name());
      assertEquals(i == 1 ? 80.0 : 90.0, percent.threshold());
      assertEquals(Duration.ofDays(7), percent.lookbackOrDefault());
      assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(6)), percent.horizonsOrDefault());
    }
  }

  /** A replica's file as rules-gen writes it with {@code forecaster: {shards: 3}}. */
  @Test
  void readsAShardFileRulesGenGenerates() throws Exception {
    ForecasterConfig c = ForecasterConfigLoader.load(fixture("rules-gen-shard.good.yml"));
    assertEquals(new Shard(1, 3), c.shardOrDefault());
    assertEquals(
        List.of("disk_avail", "cpu_busy", "memory_used"),
        c.forecasts().stream().map(ForecastConfig::name).toList());
  }

  @Test
  void defaultsFillWhatIsLeftOut() throws Exception {
    ForecasterConfig c =
        ForecasterConfigLoader.parse(
            "prometheus: {url: 'http://127.0.0.1:9090'}\nforecasts: [{name: a, query: up}]\n",
            "min.yml");
    ForecastConfig f = c.forecasts().get(0);
    assertEquals(Duration.ofMinutes(5), c.intervalOrDefault());
    assertEquals(Duration.ofDays(7), f.lookbackOrDefault());
    assertEquals(Duration.ofMinutes(5), f.stepOrDefault());
    assertEquals(List.of(Duration.ofHours(1)), f.horizonsOrDefault());
  }

  @Test
  void reportsAllErrorsAtOnceWithTheirPositions() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ForecasterConfigLoader.load(fixture("many.bad.yml")));
    String f = fixture("many.bad.yml").toString();
    assertEquals(
        String.join(
            "\n",
            f
                + ":11:12: forecasts[1].model: unknown value \"arima\" (expected one of: auto,"
                + " linear, theil_sen, holt, holt_winters, seasonal_naive, theta, median,"
                + " seasonal_median)",
            f
                + ":12:5: forecasts[1].horizon: unknown key \"horizon\", did you mean \"horizons\"?"
                + " (expected one of: name, query, lookback, step, horizons, threshold, model,"
                + " season, level, anomaly_run)"),
        e.getMessage());
  }

  @Test
  void aShardIsReadAndABadOneIsRefusedAtItsLine() throws Exception {
    String good = "prometheus: {url: 'http://127.0.0.1:9090'}\nforecasts: [{name: a, query: up}]\n";
    assertEquals(Shard.ALL, ForecasterConfigLoader.parse(good, "s.yml").shardOrDefault());
    assertEquals(
        new Shard(2, 3),
        ForecasterConfigLoader.parse("shard: 2/3\n" + good, "s.yml").shardOrDefault());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ForecasterConfigLoader.parse(good + "shard: 3/3\n", "s.yml"));
    assertTrue(e.getMessage().startsWith("s.yml:3:"), e.getMessage());
    assertTrue(e.getMessage().contains("expected i/n"), e.getMessage());
  }

  @Test
  void semanticErrorsPointAtTheirKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ForecasterConfigLoader.parse(
                    String.join(
                        "\n",
                        "prometheus: {url: 'http://127.0.0.1:9090'}",
                        "interval: 0s",
                        "forecasts:",
                        "  - {name: a, query: up, lookback: 10m}",
                        "  - {name: a, query: up}",
                        ""),
                    "sem.yml"));
    assertEquals(
        String.join(
            "\n",
            "sem.yml:2:11: interval: must be positive (expected e.g. 5m)",
            "sem.yml:4:36: forecasts[0].lookback: holds 2 steps (expected at least 6)",
            "sem.yml:5:12: forecasts[1].name: duplicate forecast name 'a'"),
        e.getMessage());
  }

  @Test
  void aNonHttpUrlIsRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ForecasterConfigLoader.parse(
                    "prometheus: {url: 'ftp://x'}\nforecasts: [{name: a, query: up}]\n", "u.yml"));
    assertEquals(
        "u.yml:1:13: prometheus: 'ftp://x' is not an http(s) URL (expected e.g."
            + " http://127.0.0.1:9090)",
        e.getMessage());
  }
}
