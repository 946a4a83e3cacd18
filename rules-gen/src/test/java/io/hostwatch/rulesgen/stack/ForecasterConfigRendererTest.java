package io.hostwatch.rulesgen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.rulesgen.Golden;
import io.hostwatch.rulesgen.generate.Generator;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.SpecLoader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the forecaster is asked for (CPU busy and memory used per host beside free disk), its
 * replicas ({@code forecaster.shards}) and the stores Prometheus writes to ({@code remote_write}),
 * read back with a YAML parser as the forecaster and Prometheus would read them.
 */
class ForecasterConfigRendererTest {
  private static Map<String, String> render(String text) throws Exception {
    return Generator.render(SpecLoader.parse(text, "thresholds.yml"));
  }

  private static String example() throws Exception {
    return Files.readString(Golden.example());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return (Map<String, Object>) new Yaml().load(text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> forecasts(String text) {
    return ((List<Map<String, Object>>) yaml(text).get("forecasts"))
        .stream()
            .collect(
                Collectors.toMap(f -> (String) f.get("name"), f -> f, (a, b) -> a, TreeMap::new));
  }

  @Test
  void cpuAndMemoryAreForecastPerHostUntilTheWarningLevel() throws Exception {
    var f = forecasts(render(example()).get("forecaster/forecaster.yml"));
    assertEquals(List.of("cpu_busy", "disk_avail", "memory_used"), List.copyOf(f.keySet()));
    var cpu = f.get("cpu_busy");
    assertEquals("instance:node_cpu_busy:percent{job=\"node\"}", cpu.get("query"));
    assertEquals(80, cpu.get("threshold"));
    assertEquals("7d", cpu.get("lookback"));
    assertEquals(List.of("1h", "6h"), cpu.get("horizons"));
    assertEquals(90, f.get("memory_used").get("threshold"));
    assertEquals(0, f.get("disk_avail").get("threshold"));
  }

  @Test
  void withoutAWarningLevelTheCriticalOneIsTheThresholdAndWithoutLevelsThereIsNone()
      throws Exception {
    var f = forecasts(render("thresholds:\n  memory: {critical: 97}\n").get(forecasterYml()));
    assertEquals(97, f.get("memory_used").get("threshold"));
    assertFalse(f.get("cpu_busy").containsKey("threshold"));
    assertFalse(f.containsKey("disk_avail"), "free disk is forecast with thresholds.disk_fill");
  }

  @Test
  void theAnomalyLookbackAppliesToTheForecastsItWatches() throws Exception {
    var f =
        forecasts(
            Generator.render(SpecLoader.load(Golden.resources().resolve("spec/anomaly.good.yml")))
                .get(forecasterYml()));
    assertEquals(
        List.of("cpu_busy", "disk_avail", "filesystem_used", "memory_used"),
        List.copyOf(f.keySet()));
    assertEquals("1d", f.get("cpu_busy").get("lookback"));
    assertEquals(80, f.get("cpu_busy").get("threshold"));
    assertEquals("1d", f.get("filesystem_used").get("lookback"));
  }

  @Test
  void oneShardIsTheSameOutputAsNoKey() throws Exception {
    String plain = example();
    assertEquals(render(plain), render(plain + "forecaster: {shards: 1}\n"));
    assertEquals(render(plain), render(plain + "remote_write: []\n"));
  }

  @Test
  void eachShardHasItsOwnFileWithItsShardAndTheSameForecasts() throws Exception {
    Map<String, String> plain = render(example());
    Map<String, String> sharded = render(example() + "forecaster: {shards: 3}\n");
    assertFalse(sharded.containsKey(forecasterYml()));
    for (int i = 0; i < 3; i++) {
      String name = "forecaster/forecaster-" + i + "-of-3.yml";
      Map<String, Object> file = yaml(sharded.get(name));
      assertEquals(i + "/3", file.get("shard"), name);
      assertTrue(file.get("shard") instanceof String, "shard is a string: " + name);
      assertEquals(yaml(plain.get(forecasterYml())).get("forecasts"), file.get("forecasts"));
      assertEquals(yaml(plain.get(forecasterYml())).get("prometheus"), file.get("prometheus"));
    }
    assertEquals(List.of("127.0.0.1:9111", "127.0.0.1:9121", "127.0.0.1:9131"), targets(sharded));
    // Nothing else changes: the rules, tests, dashboards and other configs are the same.
    for (var e : plain.entrySet()) {
      if (!e.getKey().startsWith("forecaster/") && !e.getKey().endsWith("prometheus.yml")) {
        assertEquals(e.getValue(), sharded.get(e.getKey()), e.getKey());
      }
    }
    assertEquals(plain.size() + 2, sharded.size());
  }

  @Test
  void explicitReplicaAddressesAreTheScrapeTargetsInShardOrder() throws Exception {
    Map<String, String> out =
        Generator.render(SpecLoader.load(Golden.resources().resolve("spec/fleet.good.yml")));
    assertEquals(
        List.of(
            "forecaster-0.example.com:9111",
            "forecaster-1.example.com:9111",
            "forecaster-2.example.com:9111"),
        targets(out));
    assertEquals("2/3", yaml(out.get("forecaster/forecaster-2-of-3.yml")).get("shard"));
    assertTrue(
        out.get("forecaster/forecaster-1-of-3.yml")
            .contains("Prometheus scrapes it at http://forecaster-1.example.com:9111."));
  }

  @Test
  void remoteWriteListsEveryStoreAndIsAbsentWithoutTheKey() throws Exception {
    Spec spec = SpecLoader.load(Golden.resources().resolve("spec/fleet.good.yml"));
    Map<String, Object> prom = yaml(Generator.render(spec).get("prometheus/prometheus.yml"));
    assertEquals(
        List.of(
            Map.of("url", "http://victoria-metrics.example.com:8428/api/v1/write"),
            Map.of("url", "https://vm-backup.example.com/api/v1/write")),
        prom.get("remote_write"));
    assertNull(yaml(render(example()).get("prometheus/prometheus.yml")).get("remote_write"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> targets(Map<String, String> out) {
    var jobs =
        (List<Map<String, Object>>)
            yaml(out.get("prometheus/prometheus.yml")).get("scrape_configs");
    var job = jobs.stream().filter(j -> j.get("job_name").equals("forecaster")).findFirst().get();
    assertEquals(true, job.get("honor_labels"));
    var statics = (List<Map<String, Object>>) job.get("static_configs");
    assertEquals(1, statics.size());
    return (List<String>) statics.get(0).get("targets");
  }

  private static String forecasterYml() {
    return "forecaster/forecaster.yml";
  }
}
