package io.hostwatch.rulesgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hostwatch.rulesgen.Golden;
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
 * What the forecaster is asked for (CPU busy and memory used per host beside free disk) and the
 * stores Prometheus writes to ({@code remote_write}), read back with a YAML parser as the
 * forecaster and Prometheus would read them.
 */
class ForecasterConfigRendererTest {
  private static Map<String, String> render(String text) throws Exception {
    return Generator.render(SpecLoader.parse(text, "thresholds.yml"));
  }

  private static String example() throws Exception {
    return Files.readString(GoldenFilesTest.example());
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
  void anEmptyRemoteWriteIsTheSameOutputAsNoKey() throws Exception {
    assertEquals(render(example()), render(example() + "remote_write: []\n"));
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

  private static String forecasterYml() {
    return "forecaster/forecaster.yml";
  }
}
