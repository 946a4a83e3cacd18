package io.hostwatch.exporter.host;

import static io.hostwatch.exporter.host.KernelTableParsersTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parsers of the hardware tables node_exporter reads for RAID arrays, bonds and NVMe drives, on
 * {@code fixtures/linux}, on the same files cut short ({@code fixtures/truncated}), and on lines
 * that are not what the kernel writes: each refused with the line and what was expected.
 */
class MdadmBondingNvmeParsersTest {
  @TempDir Path dir;

  /** The fixture tree as the host's {@code /proc} and {@code /sys}. */
  private static Host fixtureHost() throws URISyntaxException {
    Path linux = Path.of(MdadmBondingNvmeParsersTest.class.getResource("/fixtures/linux").toURI());
    return HostBackend.PROCFS.create(
        new HostPaths(linux.resolve("proc"), linux.resolve("sys"), linux.resolve("root")));
  }

  private Host tempHost() {
    return HostBackend.PROCFS.create(new HostPaths(dir.resolve("proc"), dir.resolve("sys"), dir));
  }

  private void write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void mdstatEveryArrayKind() {
    List<MdStat> arrays = MdStat.parse(fixture("linux/proc/mdstat"));
    assertEquals(
        List.of(
            new MdStat("md3", "active", 8, 8, 0, 2, 5853468288L, 5853468288L),
            new MdStat("md127", "active", 2, 2, 0, 0, 312319552, 312319552),
            new MdStat("md0", "active", 2, 2, 0, 1, 248896, 248896),
            new MdStat("md4", "inactive", 0, 0, 1, 1, 4883648, 4883648),
            new MdStat("md6", "recovering", 1, 2, 1, 1, 195310144, 16775552),
            new MdStat("md8", "resyncing", 2, 2, 0, 2, 195310144, 16775552),
            new MdStat("md9", "resyncing", 4, 4, 2, 1, 523968, 0),
            new MdStat("md11", "resyncing", 2, 2, 1, 2, 4190208, 0),
            new MdStat("md12", "checking", 4, 4, 0, 0, 1953260544, 379015936),
            new MdStat("md10", "active", 2, 2, 0, 0, 314159265, 314159265),
            new MdStat("md120", "active", 2, 2, 0, 0, 2095104, 2095104),
            new MdStat("md101", "active", 3, 3, 0, 0, 322560, 322560),
            new MdStat("md219", "inactive", 0, 0, 0, 3, 7932, 7932)),
        arrays);
  }

  @Test
  void mdstatWithoutArrays() {
    assertEquals(List.of(), MdStat.parse("Personalities : [raid1]\nunused devices: <none>\n"));
  }

  @Test
  void mdstatCutShortIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> MdStat.parse(fixture("truncated/mdstat")));
    assertEquals(
        "mdstat line 15: md6: expected a status line and a blank line after it:"
            + " 'md6 : active raid1 sdb2[2](F) sdc2[1](S) sda2[0]'",
        e.getMessage());
  }

  @Test
  void mdstatBadLinesNameLineAndExpectation() {
    assertRefused(
        "mdstat line 3: expected '<n> blocks ... [total/active] [U_...]': '1024 blocks [2/2]'",
        "Personalities : [raid1]\nmd0 : active raid1 sda1[0] sdb1[1]\n      1024 blocks [2/2]\n\n");
    assertRefused(
        "mdstat line 1: expected a device line like 'md0 : active raid1 sda1[0] sdb1[1]': 'md0 :'",
        "md0 :\n      1024 blocks [2/2] [UU]\n\n\n");
    assertRefused(
        "mdstat line 2: expected a whole number of blocks, got 'many':"
            + " 'many blocks [2/2] [UU]'",
        "md0 : active raid1 sda1[0] sdb1[1]\n      many blocks [2/2] [UU]\n\n\n");
    // A running sync must say how far, how fast and when it ends.
    assertRefused(
        "mdstat line 3: md0: expected 'finish=<minutes>min' in the sync line:"
            + " '[=>...]  recovery =  8.5% (167/1024)'",
        "md0 : active raid1 sda1[0] sdb1[1]\n      1024 blocks [2/1] [U_]\n"
            + "      [=>...]  recovery =  8.5% (167/1024)\n\n");
  }

  private static void assertRefused(String message, String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MdStat.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void bondNamesAndUpSlaves() {
    assertEquals(List.of("bond0", "bond1"), Bond.names("bond0 bond1\n"));
    assertEquals(List.of(), Bond.names("\n"));
    assertEquals(
        new Bond("bond0", 3, 1), Bond.of("bond0", List.of("up\n", "down\n", "going back")));
    assertEquals(new Bond("bond1", 0, 0), Bond.of("bond1", List.of()));
  }

  @Test
  void bondingReadsLowerAndOlderSlaveLinks() throws Exception {
    // bond1's slave is linked as slave_eth4, as kernels before 4.x name it.
    assertEquals(
        List.of(new Bond("bond0", 2, 1), new Bond("bond1", 1, 1)), fixtureHost().bonding());
  }

  @Test
  void bondingMastersCutShortIsRefused() throws Exception {
    write("sys/class/net/bonding_masters", fixture("truncated/bonding_masters"));
    write("sys/class/net/bond0/bonding/slaves", "eth2\n");
    write("sys/class/net/bond0/lower_eth2/bonding_slave/mii_status", "up\n");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> tempHost().bonding());
    assertEquals(dir.resolve("sys/class/net/bo/bonding/slaves").toString(), e.getMessage());
  }

  @Test
  void bondingSlavesCutShortIsRefused() throws Exception {
    write("sys/class/net/bonding_masters", "bond0\n");
    write("sys/class/net/bond0/bonding/slaves", fixture("truncated/bonding_slaves"));
    write("sys/class/net/bond0/lower_eth2/bonding_slave/mii_status", "up\n");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> tempHost().bonding());
    assertEquals(
        dir.resolve("sys/class/net/bond0/lower_et/bonding_slave/mii_status")
            + ": slave et of bonding/slaves has no mii_status (nor under slave_et)",
        e.getMessage());
  }

  @Test
  void nvmeControllersWithoutPadding() throws Exception {
    assertEquals(
        List.of(
            new NvmeDevice(
                "nvme0", "2B2QEXM7", "Samsung SSD 970 EVO Plus 1TB", "S4EWNX0R123456A", "live"),
            new NvmeDevice(
                "nvme1",
                "GPJA0B3A",
                "WDC PC SN730 SDBQNTY-512G-1001",
                "19346F801234",
                "resetting")),
        fixtureHost().nvme());
  }

  @Test
  void nvmeAttributeIsCutAt128BytesAsNodeExporterReadsIt() throws Exception {
    write("sys/class/nvme/nvme0/firmware_rev", "1.0\n");
    write("sys/class/nvme/nvme0/model", "M".repeat(100) + " " + "N".repeat(99) + "\n");
    write("sys/class/nvme/nvme0/serial", "S1\n");
    write("sys/class/nvme/nvme0/state", "live\n");
    String model = tempHost().nvme().get(0).model();
    assertEquals("M".repeat(100) + " " + "N".repeat(27), model);
  }

  @Test
  void nvmeMissingAttributeIsRefused() throws Exception {
    write("sys/class/nvme/nvme0/firmware_rev", "1.0\n");
    write("sys/class/nvme/nvme0/model", "Model\n");
    write("sys/class/nvme/nvme0/serial", "S1\n");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> tempHost().nvme());
    assertEquals(dir.resolve("sys/class/nvme/nvme0/state").toString(), e.getMessage());
    IllegalArgumentException parse =
        assertThrows(
            IllegalArgumentException.class,
            () -> NvmeDevice.parse("nvme0", Map.of("firmware_rev", "1", "model", "M")));
    assertEquals(
        "/sys/class/nvme/nvme0/serial: missing (expected one of [firmware_rev, model, serial,"
            + " state])",
        parse.getMessage());
  }
}
