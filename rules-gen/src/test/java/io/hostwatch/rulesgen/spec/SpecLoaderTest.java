package io.hostwatch.rulesgen.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.config.ConfigException;
import io.hostwatch.rulesgen.Golden;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecLoaderTest {
  static Stream<String> badFixtures() throws IOException {
    try (var files = Files.list(Golden.resources().resolve("spec"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".bad.yml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Each bad fixture's full message, every error at once, sits next to it as {@code .err}. */
  @ParameterizedTest
  @MethodSource("badFixtures")
  void badFixtureReportsItsFullMessage(String name) throws IOException {
    String text = Files.readString(Golden.resources().resolve("spec").resolve(name));
    ConfigException e =
        assertThrows(ConfigException.class, () -> SpecLoader.parse(text, "thresholds.yml"));
    Golden.check("spec/" + name.replace(".yml", ".err"), e.getMessage() + "\n");
  }

  @Test
  void theIssueExampleIsAcceptedAsWritten() throws Exception {
    Spec spec = SpecLoader.load(exampleFile());
    assertEquals("thresholds.yml", spec.source());
    assertEquals(Duration.ofMinutes(10), spec.levels().get(Kind.CPU).forDuration());
    assertEquals(Duration.ofMinutes(5), spec.levels().get(Kind.MEMORY).forDuration());
    assertEquals(Duration.ofMinutes(2), spec.levels().get(Kind.DISK).keepFiringFor());
    assertEquals(Duration.ofMinutes(2), spec.hostDown().orElseThrow().forDuration());
    assertEquals(Duration.ofHours(4), spec.diskFill().orElseThrow().within());
    assertEquals("node", spec.endpoints().job());
    assertEquals(2, spec.receivers().size());
    assertEquals("critical", spec.receivers().get(0).name());
  }

  @Test
  void overridesApplyOnlyToMatchingTargetsFirstMatchWins() throws Exception {
    Spec spec = SpecLoader.load(exampleFile());
    var db = Map.of("instance", "db-1:9100", "job", "node");
    var batch = Map.of("instance", "b-1:9100", "role", "batch");
    var plain = Map.of("instance", "web-1:9100");
    assertEquals(75.0, spec.levelFor(Kind.DISK, Severity.WARNING, db).orElseThrow());
    assertEquals(85.0, spec.levelFor(Kind.DISK, Severity.WARNING, plain).orElseThrow());
    assertEquals(80.0, spec.levelFor(Kind.CPU, Severity.WARNING, db).orElseThrow());
    assertEquals(98.0, spec.levelFor(Kind.CPU, Severity.WARNING, batch).orElseThrow());
    assertEquals(99.0, spec.levelFor(Kind.CPU, Severity.CRITICAL, batch).orElseThrow());
  }

  @Test
  void theNodeMixinFamiliesAreOnWithTheMixinsDefaultsUnlessDisabled() throws Exception {
    Spec spec = SpecLoader.parse("thresholds:\n  raid: {enabled: false}\n", "t.yml");
    assertEquals(Family.values().length - 1, spec.checks().size());
    assertTrue(!spec.checks().containsKey(Family.RAID));
    var inodes = spec.checks().get(Family.INODES);
    assertEquals(Map.of(Severity.WARNING, 5.0, Severity.CRITICAL, 3.0), inodes.levels());
    assertEquals(Duration.ofHours(1), inodes.forDuration());
    var fill = spec.checks().get(Family.INODES_FILL);
    assertEquals(Duration.ofDays(1), fill.within().get(Severity.WARNING));
    assertEquals(Duration.ofHours(4), fill.within().get(Severity.CRITICAL));
    assertEquals(Duration.ofHours(6), fill.lookback());
    assertEquals(Map.of(Severity.WARNING, 75.0), spec.checks().get(Family.CONNTRACK).levels());
    // The mixin has no for here: defaults.for applies.
    assertEquals(SpecLoader.DEFAULT_FOR, spec.checks().get(Family.CONNTRACK).forDuration());
    assertEquals(Severity.WARNING, spec.checks().get(Family.SYSTEMD).severity());
    assertEquals(Duration.ofMinutes(10), spec.checks().get(Family.CLOCK_SYNC).forDuration());
  }

  @Test
  void aLevelLeftOutKeepsItsDefaultAndOverridesApplyToMatchingTargets() throws Exception {
    Spec spec = SpecLoader.load(Golden.resources().resolve("spec/full.good.yml"));
    var db = Map.of("instance", "db-1:9100", "job", "node");
    var batch = Map.of("instance", "b-1:9100", "role", "batch");
    var plain = Map.of("instance", "web-1:9100");
    assertEquals(10.0, spec.levelFor(Family.INODES, Severity.WARNING, db).orElseThrow());
    assertEquals(3.0, spec.levelFor(Family.INODES, Severity.CRITICAL, db).orElseThrow());
    assertEquals(5.0, spec.levelFor(Family.INODES, Severity.WARNING, plain).orElseThrow());
    assertEquals(5.0, spec.levelFor(Family.NETWORK_ERRORS, Severity.WARNING, batch).orElseThrow());
    assertEquals(1.0, spec.levelFor(Family.NETWORK_ERRORS, Severity.WARNING, db).orElseThrow());
    Spec one = SpecLoader.parse("thresholds:\n  file_descriptors: {warning: 50}\n", "t.yml");
    assertEquals(
        Map.of(Severity.WARNING, 50.0, Severity.CRITICAL, 90.0),
        one.checks().get(Family.FILE_DESCRIPTORS).levels());
  }

  @Test
  void theSaturationFamiliesAreOnWithTheMixinsNumbersAndEachCanBeDropped() throws Exception {
    Spec spec = SpecLoader.parse("defaults: {for: 7m}\n", "t.yml");
    Map<Family, Double> warning =
        Map.of(
            Family.LOAD, 2.0,
            Family.MAJOR_PAGE_FAULTS, 500.0,
            Family.DISK_IO, 10.0,
            Family.SYSTEMD_CRASHLOOP, 2.0);
    warning.forEach(
        (f, v) ->
            assertEquals(Map.of(Severity.WARNING, v), spec.checks().get(f).levels(), f.key()));
    assertEquals(Duration.ofMinutes(15), spec.checks().get(Family.LOAD).forDuration());
    assertEquals(Duration.ofMinutes(30), spec.checks().get(Family.DISK_IO).forDuration());
    assertEquals(Duration.ofMinutes(5), spec.checks().get(Family.BONDING).forDuration());
    // NodeRAIDDiskFailure has no for: defaults.for applies.
    assertEquals(Duration.ofMinutes(7), spec.checks().get(Family.RAID_DISK_FAILURE).forDuration());
    assertEquals(Severity.WARNING, spec.checks().get(Family.RAID_DISK_FAILURE).severity());
    String off =
        "thresholds:\n"
            + Family.leveledFamilies().stream()
                .filter(f -> warning.containsKey(f))
                .map(f -> "  " + f.key() + ": {enabled: false}\n")
                .reduce("", String::concat)
            + "  bonding: {enabled: false}\n  raid_disk_failure: {enabled: false}\n";
    Spec dropped = SpecLoader.parse(off, "t.yml");
    for (Family f : warning.keySet()) {
      assertTrue(!dropped.checks().containsKey(f), f.key());
    }
    assertTrue(!dropped.checks().containsKey(Family.BONDING));
    assertTrue(!dropped.checks().containsKey(Family.RAID_DISK_FAILURE));
    assertTrue(dropped.checks().containsKey(Family.SYSTEMD));
  }

  @Test
  void everyKeyOfTheReferenceFileIsAccepted() throws Exception {
    Spec spec = SpecLoader.load(Golden.resources().resolve("spec/full.good.yml"));
    assertEquals(3, spec.receivers().size());
    assertEquals("db-team", spec.receivers().get(1).name());
    assertEquals(60.0, spec.diskFill().orElseThrow().floor());
    assertEquals(Duration.ofDays(30), spec.endpoints().retention());
    assertTrue(spec.endpoints().httpSd().get(0).startsWith("http://"));
    assertEquals(
        java.util.List.of("http://127.0.0.1:9111", "http://127.0.0.1:9121"),
        spec.endpoints().forecasterUrls());
    assertEquals(
        java.util.List.of("http://127.0.0.1:8428/api/v1/write"), spec.endpoints().remoteWrite());
  }

  @Test
  void oneForecasterAtForecasterUrlAndNoRemoteWriteByDefault() throws Exception {
    Spec spec = SpecLoader.load(exampleFile());
    assertEquals(java.util.List.of("http://127.0.0.1:9111"), spec.endpoints().forecasterUrls());
    assertEquals(1, spec.endpoints().forecasterShards());
    assertTrue(spec.endpoints().remoteWrite().isEmpty());
    Spec moved =
        SpecLoader.parse(
            "forecaster_url: https://fc.example.com:9200/\nforecaster: {shards: 2}\n", "t.yml");
    assertEquals(
        java.util.List.of("https://fc.example.com:9200", "https://fc.example.com:9210"),
        moved.endpoints().forecasterUrls());
  }

  @Test
  void anAnomalyKeyWithoutValuesTakesEveryDefault() throws Exception {
    Spec spec =
        SpecLoader.parse("defaults: {for: 7m}\nthresholds:\n  anomaly: {}\n", "thresholds.yml");
    var a = spec.anomaly().orElseThrow();
    assertEquals(java.util.List.of(Kind.CPU, Kind.MEMORY), a.forecasts());
    assertEquals(Duration.ofDays(2), a.lookback());
    assertEquals(Duration.ofMinutes(7), a.forDuration());
    assertEquals(Duration.ZERO, a.keepFiringFor());
    assertEquals(Severity.WARNING, a.severity());
  }

  @Test
  void theAnomalyAlertIsOptIn() throws Exception {
    assertTrue(SpecLoader.load(exampleFile()).anomaly().isEmpty());
    var a =
        SpecLoader.load(Golden.resources().resolve("spec/full.good.yml")).anomaly().orElseThrow();
    assertEquals(java.util.List.of(Kind.CPU, Kind.MEMORY), a.forecasts());
    assertEquals(Duration.ofMinutes(15), a.forDuration());
    assertEquals("cpu_busy", Kind.CPU.forecastName());
    assertEquals("filesystem_used", Kind.DISK.forecastName());
  }

  @Test
  void selectorsParseWithBracesQuotesAndEscapes() {
    var ms = Matcher.parseList("{job=\"node\", env=~'prod|stag\\'ing', x!=\"a\\\"b\"}");
    assertEquals(3, ms.size());
    assertEquals("prod|stag'ing", ms.get(1).value());
    assertEquals("x!=\"a\\\"b\"", ms.get(2).toString());
  }

  static Path exampleFile() {
    return Golden.resources()
        .getParent()
        .getParent()
        .getParent()
        .getParent()
        .resolve("examples/thresholds.yml");
  }
}
