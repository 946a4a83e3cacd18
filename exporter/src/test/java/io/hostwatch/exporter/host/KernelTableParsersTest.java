package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.collector.CollectorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel table parsers on files copied from a Linux 6.x host ({@code fixtures/linux}) and on
 * the same files cut short mid-line ({@code fixtures/truncated}), which must be refused rather than
 * read as smaller figures.
 */
class KernelTableParsersTest {
  private static final Pattern ALL = Pattern.compile("");

  static String fixture(String path) {
    try (InputStream in = KernelTableParsersTest.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String good(String procPath) {
    return fixture("linux/proc/" + procPath);
  }

  private static String truncated(String name) {
    return fixture("truncated/" + name);
  }

  @Test
  void fileNr() {
    assertEquals(new FileFdStats(1632, 2466112), FileFdStats.parse(good("sys/fs/file-nr")));
    assertThrows(IllegalArgumentException.class, () -> FileFdStats.parse(truncated("file-nr")));
  }

  @Test
  void conntrackStatSumsCpusByColumnName() {
    Map<String, Double> s = ConntrackStats.parseStat(good("net/stat/nf_conntrack"));
    assertEquals(11.0, s.get("found"));
    assertEquals(4.0, s.get("invalid"));
    assertEquals(6.0, s.get("ignore"));
    assertEquals(3.0, s.get("insert"));
    assertEquals(2.0, s.get("insert_failed"));
    assertEquals(5.0, s.get("drop"));
    assertEquals(7.0, s.get("early_drop"));
    assertEquals(8.0, s.get("search_restart"));
    assertThrows(
        IllegalArgumentException.class, () -> ConntrackStats.parseStat(truncated("nf_conntrack")));
  }

  @Test
  void vmstatKeepsOnlyTheFilteredFields() {
    Pattern defaults = Pattern.compile(CollectorOptions.VMSTAT_FIELDS);
    List<NamedValue> v = NamedValue.parseVmstat(good("vmstat"), defaults);
    assertEquals(
        List.of("pgpgin", "pgpgout", "pswpin", "pswpout", "pgfault", "pgmajfault", "oom_kill"),
        v.stream().map(NamedValue::name).toList());
    assertEquals(new NamedValue("pgfault", 102990404), v.get(4));
    assertEquals(192, NamedValue.parseVmstat(good("vmstat"), ALL).size());
    assertThrows(
        IllegalArgumentException.class, () -> NamedValue.parseVmstat(truncated("vmstat"), ALL));
  }

  @Test
  void netstatTablesAndSnmp6WithTheDefaultFilter() {
    Pattern defaults = Pattern.compile(CollectorOptions.NETSTAT_FIELDS);
    List<NetStat> out = new ArrayList<>();
    NetStat.parseTables(good("net/snmp"), defaults, out);
    assertTrue(out.contains(new NetStat("Tcp", "ActiveOpens", 26694)), out::toString);
    assertTrue(out.contains(new NetStat("Tcp", "RetransSegs", 1717)), out::toString);
    assertFalse(out.stream().anyMatch(s -> s.name().equals("MaxConn")), "MaxConn is filtered");
    out.clear();
    NetStat.parseSnmp6(good("net/snmp6"), defaults, out);
    assertTrue(out.contains(new NetStat("Udp6", "InDatagrams", 0)), out::toString);
    assertTrue(out.stream().allMatch(s -> s.protocol().endsWith("6")), out::toString);
    List<NetStat> sink = new ArrayList<>();
    assertThrows(
        IllegalArgumentException.class, () -> NetStat.parseTables(truncated("netstat"), ALL, sink));
    assertThrows(
        IllegalArgumentException.class, () -> NetStat.parseSnmp6(truncated("snmp6"), ALL, sink));
  }

  @Test
  void sockstatAddsMemBytesFromPages() {
    List<SockStat> s = SockStat.parse(good("net/sockstat"), 4096);
    assertEquals(new SockStat("sockets", "used", 43), s.get(0));
    assertTrue(s.contains(new SockStat("TCP", "tw", 7)), s::toString);
    assertTrue(s.contains(new SockStat("TCP", "mem_bytes", 3 * 4096)), s::toString);
    assertTrue(s.contains(new SockStat("FRAG", "memory", 0)), s::toString);
    assertTrue(
        SockStat.parse(good("net/sockstat6"), 4096).contains(new SockStat("TCP6", "inuse", 8)));
    assertThrows(IllegalArgumentException.class, () -> SockStat.parse(truncated("sockstat"), 4096));
  }

  @Test
  void pressureInSeconds() {
    PressureStats io = PressureStats.parse(good("pressure/io"));
    assertEquals(48923488 / 1000.0 / 1000.0, io.someSeconds());
    assertEquals(19.761016, io.fullSeconds(), 1e-12);
    assertEquals(3376.716235, PressureStats.parse(good("pressure/cpu")).someSeconds(), 1e-9);
    assertTrue(
        Double.isNaN(PressureStats.parse("some avg10=1 avg60=1 avg300=1 total=5").fullSeconds()));
    assertThrows(IllegalArgumentException.class, () -> PressureStats.parse(truncated("pressure")));
  }

  @Test
  void entropy() {
    assertEquals(
        new EntropyStats(256, 256),
        EntropyStats.parse(
            good("sys/kernel/random/entropy_avail"), good("sys/kernel/random/poolsize")));
    assertThrows(
        IllegalArgumentException.class,
        () -> EntropyStats.parse(truncated("entropy_avail"), good("sys/kernel/random/poolsize")));
  }

  @Test
  void softnetOneEntryPerLineInHex() {
    assertEquals(
        List.of(new SoftnetStat(0, 0x5113a, 0, 2), new SoftnetStat(1, 0x59518, 0, 3)),
        SoftnetStat.parse(good("net/softnet_stat")));
    assertThrows(
        IllegalArgumentException.class, () -> SoftnetStat.parse(truncated("softnet_stat")));
  }

  @Test
  void udpQueuesSumEverySocket() {
    assertEquals(new UdpQueues(0x200, 0x101), UdpQueues.parse(good("net/udp")));
    assertEquals(new UdpQueues(0, 0), UdpQueues.parse(good("net/udp6")));
    assertThrows(IllegalArgumentException.class, () -> UdpQueues.parse(truncated("udp")));
  }

  @Test
  void arpCountsEntriesPerDevice() {
    assertEquals(
        List.of(new ArpEntries("eth0", 2), new ArpEntries("br0", 1)),
        ArpEntries.parse(good("net/arp")));
    assertThrows(IllegalArgumentException.class, () -> ArpEntries.parse(truncated("arp")));
  }

  @Test
  void netClassNumbersInDecimalAndHex() {
    NetClassDevice d =
        NetClassDevice.parse(
            "eth0",
            Map.of("flags", "0x1003\n", "mtu", "1400\n", "operstate", "up\n", "speed", "-1\n"));
    assertEquals(4099L, d.numbers().get("flags"));
    assertEquals(-1L, d.numbers().get("speed"));
    assertEquals("up", d.operState());
    assertEquals("", d.duplex());
    assertFalse(d.numbers().containsKey("carrier"));
    assertThrows(
        IllegalArgumentException.class, () -> NetClassDevice.parse("eth0", Map.of("mtu", "")));
  }

  @Test
  void timexInNanosecondsOrMicrosecondsByStatus() {
    TimexStats nano =
        TimexStats.of(
            new TimexStats.Raw(
                0, 0x2000, 1_500_000, 65536, 16000000, 2000, 2, 10000, 0, 3000, 0, 0, 0, 0, 0, 0,
                37));
    assertEquals(1, nano.syncStatus());
    assertEquals(0.0015, nano.offsetSeconds(), 1e-15);
    assertEquals(1.000001, nano.frequencyAdjustmentRatio(), 1e-15);
    assertEquals(16, nano.maxerrorSeconds());
    assertEquals(0.01, nano.tickSeconds());
    assertEquals(3e-6, nano.ppsJitterSeconds(), 1e-18);
    assertEquals(37, nano.taiOffsetSeconds());
    TimexStats micro =
        TimexStats.of(new TimexStats.Raw(5, 0x40, 1500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertEquals(0, micro.syncStatus(), "TIME_ERROR: not synchronised");
    assertEquals(0.0015, micro.offsetSeconds(), 1e-15);
  }
}
