package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcParsersTest {

  @Test
  void statGivesPerCpuSecondsAtUserHzAndCounters() {
    String stat =
        """
        cpu  30000 10 2000 150000 43 0 72 136 0 0
        cpu0 15168 5 1893 77492 43 0 72 136 7 3
        cpu1 14832 5 107 72508 0 0 0 0 0 0
        intr 315883 0 9 0
        ctxt 574977
        btime 1795755596
        processes 8213
        procs_running 7
        procs_blocked 1
        softirq 1 2 3
        """;
    KernelStats s = ProcParsers.parseStat(stat);
    assertEquals(2, s.cpus().size());
    CpuTimes c0 = s.cpus().get(0);
    assertEquals("0", c0.cpu());
    assertEquals(151.68, c0.user(), 1e-9);
    assertEquals(774.92, c0.idle(), 1e-9);
    assertEquals(1.36, c0.steal(), 1e-9);
    assertEquals(0.07, c0.guest(), 1e-9);
    assertEquals(0.03, c0.guestNice(), 1e-9);
    assertEquals("1", s.cpus().get(1).cpu());
    assertEquals(1795755596, s.bootTimeSeconds());
    assertEquals(574977, s.contextSwitches());
    assertEquals(8213, s.forks());
    assertEquals(315883, s.interrupts());
    assertEquals(7, s.procsRunning());
    assertEquals(1, s.procsBlocked());
  }

  @Test
  void statOfAnOldKernelWithoutStealLeavesZeros() {
    KernelStats s = ProcParsers.parseStat("cpu0 100 0 100 100\n");
    assertEquals(0, s.cpus().get(0).steal());
    assertTrue(Double.isNaN(s.bootTimeSeconds()));
  }

  @Test
  void aStatCpuLineCutShortIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcParsers.parseStat("cpu  100 0 100 100\ncpu0 100 0\nctxt 5\n"));
    assertEquals(
        "/proc/stat: line 2: cpu0 has 2 values, expected at least 4 (user nice system idle)",
        e.getMessage());
  }

  @Test
  void aStatOrMeminfoWithoutItsLastNewlineIsRefused() {
    IllegalArgumentException stat =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcParsers.parseStat("cpu0 100 0 100 100\nctxt 57"));
    assertEquals(
        "/proc/stat: cut short: the last line (\"ctxt 57\") has no newline, expected whole lines",
        stat.getMessage());
    IllegalArgumentException meminfo =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcParsers.parseMeminfo("MemTotal:  8052280 kB\nMemFree:  12"));
    assertTrue(meminfo.getMessage().startsWith("/proc/meminfo: cut short"), meminfo.getMessage());
  }

  @Test
  void selinuxfsMountPointAndModes() {
    assertEquals(
        "/sys/fs/selinux",
        SelinuxStatus.selinuxfsMount(
            "22 1 0:21 / /proc rw - proc proc rw\n"
                + "23 21 0:20 / /sys/fs/selinux rw,relatime - selinuxfs selinuxfs rw\n"));
    assertEquals(null, SelinuxStatus.selinuxfsMount("22 1 0:21 / /proc rw - proc proc rw\n"));
    IllegalArgumentException cut =
        assertThrows(
            IllegalArgumentException.class,
            () -> SelinuxStatus.selinuxfsMount("23 21 0:20 / - selinuxfs selinuxfs rw\n"));
    assertTrue(cut.getMessage().startsWith("mountinfo: selinuxfs line"), cut.getMessage());
    assertEquals(1, SelinuxStatus.enforce("1\n"));
    assertEquals(0, SelinuxStatus.enforce("0"));
    assertThrows(IllegalArgumentException.class, () -> SelinuxStatus.enforce("enforcing"));
    assertEquals(1, SelinuxStatus.configMode(Map.of("SELINUX", "enforcing")));
    assertEquals(0, SelinuxStatus.configMode(Map.of("SELINUX", "permissive")));
    assertEquals(-1, SelinuxStatus.configMode(Map.of()));
  }

  @Test
  void anOsReleaseQuoteLeftOpenIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcParsers.parseOsRelease("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12\n"));
    assertEquals(
        "os-release: line 2: PRETTY_NAME: the value opens a quote (\") it does not close,"
            + " expected \" at the end of the line",
        e.getMessage());
  }

  @Test
  void meminfoNamesFieldsAsNodeExporter() {
    String meminfo =
        """
        MemTotal:        8052280 kB
        Active(anon):     123456 kB
        HugePages_Total:       0
        Hugepagesize:       2048 kB
        """;
    List<MemoryField> f = ProcParsers.parseMeminfo(meminfo);
    assertEquals(
        List.of(
            new MemoryField("MemTotal", 8052280.0 * 1024, true),
            new MemoryField("Active_anon", 123456.0 * 1024, true),
            new MemoryField("HugePages_Total", 0, false),
            new MemoryField("Hugepagesize", 2048.0 * 1024, true)),
        f);
  }

  @Test
  void loadavg() {
    assertEquals(
        new LoadAverage(0.66, 0.53, 0.34), ProcParsers.parseLoadavg("0.66 0.53 0.34 2/345 1234\n"));
    assertThrows(IllegalArgumentException.class, () -> ProcParsers.parseLoadavg("0.66\n"));
  }

  @Test
  void mountsDecodeOctalEscapesAndReadOnly() {
    String mounts =
        """
        /dev/vda / ext4 rw,relatime 0 0
        /dev/sdb1 /mnt/my\\040disk vfat ro,nosuid 0 0
        server:/export /srv/nfs nfs4 rw,vers=4.2,rootcontext=ro 0 0
        """;
    List<MountPoint> m = ProcParsers.parseMounts(mounts);
    assertEquals(new MountPoint("/dev/vda", "/", "ext4", false), m.get(0));
    assertEquals(new MountPoint("/dev/sdb1", "/mnt/my disk", "vfat", true), m.get(1));
    assertFalse(m.get(2).readOnly(), "only the exact option ro means read-only");
  }

  @Test
  void unescapeLeavesNonOctalBackslashes() {
    assertEquals("a\\b", ProcParsers.unescapeOctal("a\\b"));
    assertEquals("tab\there", ProcParsers.unescapeOctal("tab\\011here"));
    assertEquals("end\\04", ProcParsers.unescapeOctal("end\\04"));
  }

  @Test
  void diskstatsKeepsAsManyFieldsAsTheKernelGives() {
    String text =
        """
         254       0 vda 43007 8807 2811090 18713 8531 9490 1500696 5507 0 9744 25998 3676 115 82184 1007 915 770
           7       0 loop0 0 0 0 0 0 0 0 0 0 0 0
        """;
    List<DiskStats> d = ProcParsers.parseDiskstats(text);
    assertEquals(2, d.size());
    assertEquals("vda", d.get(0).device());
    assertEquals(254, d.get(0).major());
    assertEquals(17, d.get(0).fields().length);
    assertEquals(2811090, d.get(0).fields()[2]);
    assertEquals(770, d.get(0).fields()[16]);
    assertEquals(11, d.get(1).fields().length);
  }

  @Test
  void netDevNamesColumnsFromTheHeader() {
    String text =
        """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:    1000      10    0    0    0     0          0         0     1000      10    0    0    0     0       0          0
          eth0: 118313332    5041    1    2    0     0          0         3   734319    4661    0    4    0     5       0          0
        """;
    List<NetDevStats> n = ProcParsers.parseNetDev(text);
    assertEquals(2, n.size());
    NetDevStats eth0 = n.get(1);
    assertEquals("eth0", eth0.device());
    assertEquals(118313332.0, eth0.counters().get("receive_bytes"));
    assertEquals(3.0, eth0.counters().get("receive_multicast"));
    assertEquals(734319.0, eth0.counters().get("transmit_bytes"));
    assertEquals(5.0, eth0.counters().get("transmit_colls"));
    assertEquals(16, eth0.counters().size());
  }

  @Test
  void osReleaseUnquotes() {
    String text =
        """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME='Debian GNU/Linux'
        VERSION_ID="12"
        ID=debian
        # a comment
        """;
    Map<String, String> m = ProcParsers.parseOsRelease(text);
    assertEquals("Debian GNU/Linux 12 (bookworm)", m.get("PRETTY_NAME"));
    assertEquals("Debian GNU/Linux", m.get("NAME"));
    assertEquals("12", m.get("VERSION_ID"));
    assertEquals("debian", m.get("ID"));
    assertEquals(4, m.size());
  }
}
