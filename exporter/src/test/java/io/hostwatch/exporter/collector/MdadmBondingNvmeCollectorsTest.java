package io.hostwatch.exporter.collector;

import static io.hostwatch.exporter.collector.Snapshots.labels;
import static io.hostwatch.exporter.collector.Snapshots.series;
import static io.hostwatch.exporter.collector.Snapshots.success;
import static io.hostwatch.exporter.collector.Snapshots.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RAID, bonding and NVMe collectors on a copy of {@code fixtures/linux}: the series each gives,
 * a missing source failing that collector alone (as node_exporter reports it), and a file cut short
 * refused without a partial family.
 */
class MdadmBondingNvmeCollectorsTest {
  /** Each collector, and the file or folder whose absence fails it. */
  static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("mdadm", "proc/mdstat");
    SOURCES.put("bonding", "sys/class/net/bonding_masters");
    SOURCES.put("nvme", "sys/class/nvme");
  }

  /** The collectors scraped: those above, and one that reads none of their files. */
  private static final Set<String> SCRAPED = Set.of("mdadm", "bonding", "nvme", "entropy");

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

  private List<MetricSnapshot> scrape() {
    return fixture.scrape(SCRAPED);
  }

  @Test
  void mdadmReadsEveryArray() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "mdadm"));
    assertEquals(13, series(s, "node_md_blocks").size());
    assertEquals(13 * 3, series(s, "node_md_disks").size());
    assertEquals(13 * 5, series(s, "node_md_state").size());
    Map<Map<String, String>, Double> md6 = new java.util.HashMap<>(series(s, "node_md_state"));
    md6.keySet().removeIf(l -> !l.get("device").equals("md6"));
    assertEquals(
        Map.of(
            labels("device", "md6", "state", "active"), 0.0,
            labels("device", "md6", "state", "inactive"), 0.0,
            labels("device", "md6", "state", "recovering"), 1.0,
            labels("device", "md6", "state", "resync"), 0.0,
            labels("device", "md6", "state", "check"), 0.0),
        md6);
    assertEquals(1.0, value(s, "node_md_state", labels("device", "md12", "state", "check")));
    assertEquals(1.0, value(s, "node_md_state", labels("device", "md9", "state", "resync")));
    assertEquals(1.0, value(s, "node_md_state", labels("device", "md4", "state", "inactive")));
    assertEquals(1.0, value(s, "node_md_disks", labels("device", "md6", "state", "failed")));
    assertEquals(2.0, value(s, "node_md_disks", labels("device", "md3", "state", "spare")));
    assertEquals(8.0, value(s, "node_md_disks", labels("device", "md3", "state", "active")));
    assertEquals(3.0, value(s, "node_md_disks_required", labels("device", "md101")));
    assertEquals(5853468288.0, value(s, "node_md_blocks", labels("device", "md3")));
    assertEquals(16775552.0, value(s, "node_md_blocks_synced", labels("device", "md6")));
    assertEquals(0.0, value(s, "node_md_blocks_synced", labels("device", "md11")));
  }

  @Test
  void aTruncatedMdstatIsRefused() throws Exception {
    fixture.replace("proc/mdstat", "/fixtures/truncated/mdstat");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "mdadm"));
    assertEquals(Map.of(), series(s, "node_md_blocks"), "no array of the part before the cut");
    assertEquals(1.0, success(s, "entropy"));
  }

  @Test
  void bondingCountsSlavesAndTheActiveOnes() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "bonding"));
    assertEquals(
        Map.of(labels("master", "bond0"), 2.0, labels("master", "bond1"), 1.0),
        series(s, "node_bonding_slaves"));
    assertEquals(
        Map.of(labels("master", "bond0"), 1.0, labels("master", "bond1"), 1.0),
        series(s, "node_bonding_active"));
  }

  @Test
  void aBondingListCutShortIsRefused() throws Exception {
    fixture.replace("sys/class/net/bonding_masters", "/fixtures/truncated/bonding_masters");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "bonding"));
    assertEquals(Map.of(), series(s, "node_bonding_slaves"), "not bond0 alone");
    assertEquals(1.0, success(s, "mdadm"));
    fixture.replace(
        "sys/class/net/bonding_masters", "/fixtures/linux/sys/class/net/bonding_masters");
    fixture.replace("sys/class/net/bond0/bonding/slaves", "/fixtures/truncated/bonding_slaves");
    s = scrape();
    assertEquals(0.0, success(s, "bonding"));
    assertEquals(Map.of(), series(s, "node_bonding_active"));
  }

  @Test
  void nvmeInfoPerController() {
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "nvme"));
    assertEquals(
        Map.of(
            nvme("nvme0", "2B2QEXM7", "Samsung SSD 970 EVO Plus 1TB", "S4EWNX0R123456A", "live"),
            1.0,
            nvme(
                "nvme1", "GPJA0B3A", "WDC PC SN730 SDBQNTY-512G-1001", "19346F801234", "resetting"),
            1.0),
        series(s, "node_nvme_info"));
  }

  private static Map<String, String> nvme(
      String device, String firmware, String model, String serial, String state) {
    return labels(
        "device", device,
        "firmware_revision", firmware,
        "model", model,
        "serial", serial,
        "state", state);
  }

  @Test
  void anNvmeModelCutShortIsExportedAsRead() throws Exception {
    // A text attribute has no length to check it against; node_exporter exports it as read too.
    fixture.replace("sys/class/nvme/nvme0/model", "/fixtures/truncated/nvme_model");
    List<MetricSnapshot> s = scrape();
    assertEquals(1.0, success(s, "nvme"));
    assertEquals(
        1.0,
        value(
            s,
            "node_nvme_info",
            nvme("nvme0", "2B2QEXM7", "Samsung SSD 97", "S4EWNX0R123456A", "live")));
  }

  @Test
  void anNvmeControllerMissingAnAttributeFailsTheCollector() throws Exception {
    fixture.hide("sys/class/nvme/nvme1/state");
    List<MetricSnapshot> s = scrape();
    assertEquals(0.0, success(s, "nvme"));
    assertEquals(Map.of(), series(s, "node_nvme_info"), "not nvme0 alone");
    assertEquals(1.0, success(s, "bonding"));
  }

  @Test
  void aMissingSourceFailsOnlyItsCollector() throws Exception {
    for (Map.Entry<String, String> e : SOURCES.entrySet()) {
      fixture.hide(e.getValue());
      List<MetricSnapshot> s = scrape();
      for (String name : SCRAPED) {
        assertEquals(
            name.equals(e.getKey()) ? 0.0 : 1.0,
            success(s, name),
            name + " with " + e.getValue() + " missing");
      }
      fixture.restore(e.getValue());
    }
    List<MetricSnapshot> s = scrape();
    for (String name : SCRAPED) {
      assertEquals(1.0, success(s, name), name + " once its source is back");
    }
  }
}
