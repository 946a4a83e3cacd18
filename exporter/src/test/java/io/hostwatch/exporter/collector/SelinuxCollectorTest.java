package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selinux collector on a copy of {@code fixtures/linux}: off without a selinuxfs (as on this
 * Debian host, and as node_exporter reports it), on with its modes where one is mounted, and
 * failing alone on a garbled {@code enforce} file.
 */
class SelinuxCollectorTest {
  private static final Set<String> SCRAPED = Set.of("selinux", "entropy");
  private static final String MOUNTINFO =
      "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
          + "23 21 0:20 / /sys/fs/selinux rw,relatime - selinuxfs selinuxfs rw\n";

  @TempDir Path dir;
  private LinuxFixture fixture;

  @BeforeEach
  void copyFixtures() throws Exception {
    fixture = LinuxFixture.copyTo(dir);
  }

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  private void write(String relative, String text) throws IOException {
    Path p = fixture.file(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void mountSelinux(String enforce) throws IOException {
    write("proc/self/mountinfo", MOUNTINFO);
    write("proc/self/attr/current", "system_u:system_r:init_t:s0\0");
    write("root/sys/fs/selinux/enforce", enforce);
    write("root/etc/selinux/config", "# the policy\nSELINUX=permissive\nSELINUXTYPE=targeted\n");
  }

  @Test
  void offWithoutASelinuxfs() throws Exception {
    List<MetricSnapshot> s = fixture.scrape(SCRAPED);
    assertEquals(1.0, success(s, "selinux"));
    assertEquals(0.0, value(s, "node_selinux_enabled", Map.of()));
    assertEquals(Map.of(), series(s, "node_selinux_current_mode"));
  }

  @Test
  void onWithItsConfiguredAndCurrentModes() throws Exception {
    mountSelinux("1\n");
    List<MetricSnapshot> s = fixture.scrape(SCRAPED);
    assertEquals(1.0, success(s, "selinux"));
    assertEquals(1.0, value(s, "node_selinux_enabled", Map.of()));
    assertEquals(0.0, value(s, "node_selinux_config_mode", Map.of()), "permissive in the config");
    assertEquals(1.0, value(s, "node_selinux_current_mode", Map.of()), "enforcing now");
  }

  @Test
  void theModesAreReadAgainEachScrapeAsSetenforceChangesThem() throws Exception {
    mountSelinux("1\n");
    assertEquals(
        1.0, value(fixture.scrape(SCRAPED), "node_selinux_current_mode", Map.of()), "enforcing");
    write("root/sys/fs/selinux/enforce", "0\n");
    assertEquals(
        0.0, value(fixture.scrape(SCRAPED), "node_selinux_current_mode", Map.of()), "permissive");
  }

  @Test
  void aConfigQuoteLeftOpenFailsNamingTheConfig() throws Exception {
    mountSelinux("1\n");
    write("root/etc/selinux/config", "SELINUX=\"enforcing\n");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> fixture.host().selinux());
    assertEquals(
        "/etc/selinux/config: line 1: SELINUX: the value opens a quote (\") it does not close,"
            + " expected \" at the end of the line",
        e.getMessage());
    assertEquals(0.0, success(fixture.scrape(SCRAPED), "selinux"));
  }

  @Test
  void theKernelsOwnContextIsOff() throws Exception {
    mountSelinux("1\n");
    write("proc/self/attr/current", "kernel\0");
    assertEquals(0.0, value(fixture.scrape(SCRAPED), "node_selinux_enabled", Map.of()));
  }

  @Test
  void aGarbledEnforceFileFailsOnlySelinux() throws Exception {
    mountSelinux("");
    List<MetricSnapshot> s = fixture.scrape(SCRAPED);
    assertEquals(0.0, success(s, "selinux"));
    assertEquals(Map.of(), series(s, "node_selinux_enabled"));
    assertEquals(1.0, success(s, "entropy"));
  }

  @Test
  void aMissingEnforceFileFailsOnlySelinux() throws Exception {
    mountSelinux("1\n");
    Files.delete(fixture.file("root/sys/fs/selinux/enforce"));
    List<MetricSnapshot> s = fixture.scrape(SCRAPED);
    assertEquals(0.0, success(s, "selinux"));
    assertEquals(1.0, success(s, "entropy"));
  }
}
