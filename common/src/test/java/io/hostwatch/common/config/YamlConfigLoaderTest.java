package io.hostwatch.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigLoaderTest {
  record Level(Double warning, Double critical, @JsonProperty("for") Duration forDuration) {}

  record Root(@Required String name, Map<String, Level> levels, List<Path> files, Boolean on) {}

  private static YamlConfigLoader.Loaded<Root> parse(String yaml) throws ConfigException {
    return YamlConfigLoader.parse(yaml, "t.yml", Path.of("/etc/hw"), Root.class);
  }

  @Test
  void bindsRecordsMapsListsDurationsAndPaths() throws ConfigException {
    Root r =
        parse(
                "name: x\nlevels:\n  cpu: {warning: 80, critical: 95, for: 1h30m}\nfiles: [a.yml]\non: yes\n")
            .value();
    assertEquals("x", r.name());
    assertEquals(new Level(80.0, 95.0, Duration.ofMinutes(90)), r.levels().get("cpu"));
    assertEquals(List.of(Path.of("/etc/hw/a.yml")), r.files());
    assertEquals(Boolean.TRUE, r.on());
  }

  @Test
  void reportsEveryErrorWithLineColumnPathAndSuggestion() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> parse("levels:\n  cpu:\n    warnign: 80\n    critical: lots\n    for: 5x\n"));
    assertEquals(
        String.join(
            "\n",
            "t.yml:1:1: name: missing required key",
            "t.yml:3:5: levels.cpu.warnign: unknown key \"warnign\", did you mean \"warning\"?"
                + " (expected one of: warning, critical, for)",
            "t.yml:4:15: levels.cpu.critical: expected a number, got \"lots\"",
            "t.yml:5:10: levels.cpu.for: not a valid duration \"5x\" (expected a Prometheus duration"
                + " like 30s, 5m, 1h30m, 7d)"),
        e.getMessage());
  }

  @Test
  void reportsSyntaxErrorsWithPosition() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("name: [x\n"));
    assertEquals(1, e.errors().size());
    assertEquals(2, e.errors().get(0).line());
  }

  @Test
  void errorAtPointsAtTheKeyForSemanticChecks() throws ConfigException {
    var loaded = parse("name: x\nlevels:\n  cpu: {warning: 99, critical: 95}\n");
    assertEquals(
        "t.yml:3:18: levels.cpu.warning: above critical",
        loaded.errorAt("levels.cpu.warning", "above critical").toString());
  }

  @Test
  void durationsRoundTrip() {
    assertEquals(Duration.ofDays(8).plusHours(2), Durations.parse("1w1d2h"));
    assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
    assertEquals("0s", Durations.format(Duration.ZERO));
  }
}
