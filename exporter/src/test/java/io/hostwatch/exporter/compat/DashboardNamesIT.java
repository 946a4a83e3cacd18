package io.hostwatch.exporter.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code node_*} names Grafana dashboard 1860 and the node-mixin's alerts query, which
 * node_exporter 1.5 serves on a Linux VM with its default collectors: the exporter, also with its
 * defaults, must serve each with the same label names, so panels and alerts find the same series.
 * Both run side by side and are scraped once each; node_exporter gets upstream's filesystem and
 * netdev excludes, as Debian patches them.
 */
class DashboardNamesIT {
  /**
   * Every {@code node_*} name in the node-mixin's {@code alerts.libsonnet} (node_exporter's {@code
   * docs/node-mixin}) but those of collectors off by default or absent on a plain VM ({@code
   * node_systemd_*}; {@code node_md_*} and {@code node_bonding_*}, which {@code FixtureAgreementIT}
   * compares on fixtures).
   */
  static final List<String> NODE_MIXIN_ALERTS =
      List.of(
          "node_cpu_seconds_total",
          "node_disk_io_time_weighted_seconds_total",
          "node_filefd_allocated",
          "node_filefd_maximum",
          "node_filesystem_avail_bytes",
          "node_filesystem_files",
          "node_filesystem_files_free",
          "node_filesystem_readonly",
          "node_filesystem_size_bytes",
          "node_load1",
          "node_memory_MemAvailable_bytes",
          "node_memory_MemTotal_bytes",
          "node_network_receive_errs_total",
          "node_network_receive_packets_total",
          "node_network_transmit_errs_total",
          "node_network_transmit_packets_total",
          "node_nf_conntrack_entries",
          "node_nf_conntrack_entries_limit",
          "node_textfile_scrape_error",
          "node_timex_maxerror_seconds",
          "node_timex_offset_seconds",
          "node_timex_sync_status",
          "node_vmstat_pgmajfault");

  /**
   * Every {@code node_*} name in the queries of dashboard 1860 ("Node Exporter Full", the Grafana
   * 9.4 export in rfmoz/grafana-dashboards) that node_exporter 1.5 serves with its defaults on a
   * 2-CPU VM with one NIC: no hwmon (compared on fixtures by {@code FixtureAgreementIT}), cpufreq,
   * schedstat or power supply there, and the dashboard's processes, systemd, interrupts and tcpstat
   * panels need collectors that are off by default.
   */
  static final List<String> DASHBOARD_1860 =
      List.of(
          "node_arp_entries",
          "node_boot_time_seconds",
          "node_context_switches_total",
          "node_cpu_guest_seconds_total",
          "node_cpu_seconds_total",
          "node_disk_discard_time_seconds_total",
          "node_disk_discards_completed_total",
          "node_disk_discards_merged_total",
          "node_disk_io_now",
          "node_disk_io_time_seconds_total",
          "node_disk_io_time_weighted_seconds_total",
          "node_disk_read_bytes_total",
          "node_disk_read_time_seconds_total",
          "node_disk_reads_completed_total",
          "node_disk_reads_merged_total",
          "node_disk_write_time_seconds_total",
          "node_disk_writes_completed_total",
          "node_disk_writes_merged_total",
          "node_disk_written_bytes_total",
          "node_entropy_available_bits",
          "node_filefd_allocated",
          "node_filefd_maximum",
          "node_filesystem_avail_bytes",
          "node_filesystem_device_error",
          "node_filesystem_files",
          "node_filesystem_files_free",
          "node_filesystem_free_bytes",
          "node_filesystem_readonly",
          "node_filesystem_size_bytes",
          "node_forks_total",
          "node_intr_total",
          "node_load1",
          "node_load15",
          "node_load5",
          "node_memory_Active_anon_bytes",
          "node_memory_Active_bytes",
          "node_memory_Active_file_bytes",
          "node_memory_AnonHugePages_bytes",
          "node_memory_AnonPages_bytes",
          "node_memory_Bounce_bytes",
          "node_memory_Buffers_bytes",
          "node_memory_Cached_bytes",
          "node_memory_CommitLimit_bytes",
          "node_memory_Committed_AS_bytes",
          "node_memory_DirectMap2M_bytes",
          "node_memory_DirectMap4k_bytes",
          "node_memory_Dirty_bytes",
          "node_memory_HugePages_Free",
          "node_memory_HugePages_Rsvd",
          "node_memory_HugePages_Surp",
          "node_memory_HugePages_Total",
          "node_memory_Hugepagesize_bytes",
          "node_memory_Inactive_anon_bytes",
          "node_memory_Inactive_bytes",
          "node_memory_Inactive_file_bytes",
          "node_memory_KernelStack_bytes",
          "node_memory_Mapped_bytes",
          "node_memory_MemAvailable_bytes",
          "node_memory_MemFree_bytes",
          "node_memory_MemTotal_bytes",
          "node_memory_Mlocked_bytes",
          "node_memory_NFS_Unstable_bytes",
          "node_memory_PageTables_bytes",
          "node_memory_Percpu_bytes",
          "node_memory_SReclaimable_bytes",
          "node_memory_SUnreclaim_bytes",
          "node_memory_ShmemHugePages_bytes",
          "node_memory_ShmemPmdMapped_bytes",
          "node_memory_Shmem_bytes",
          "node_memory_Slab_bytes",
          "node_memory_SwapCached_bytes",
          "node_memory_SwapFree_bytes",
          "node_memory_SwapTotal_bytes",
          "node_memory_Unevictable_bytes",
          "node_memory_VmallocChunk_bytes",
          "node_memory_VmallocTotal_bytes",
          "node_memory_VmallocUsed_bytes",
          "node_memory_WritebackTmp_bytes",
          "node_memory_Writeback_bytes",
          "node_netstat_Icmp_InErrors",
          "node_netstat_Icmp_InMsgs",
          "node_netstat_Icmp_OutMsgs",
          "node_netstat_IpExt_InOctets",
          "node_netstat_IpExt_OutOctets",
          "node_netstat_Ip_Forwarding",
          "node_netstat_TcpExt_ListenDrops",
          "node_netstat_TcpExt_ListenOverflows",
          "node_netstat_TcpExt_SyncookiesFailed",
          "node_netstat_TcpExt_SyncookiesRecv",
          "node_netstat_TcpExt_SyncookiesSent",
          "node_netstat_TcpExt_TCPSynRetrans",
          "node_netstat_Tcp_ActiveOpens",
          "node_netstat_Tcp_CurrEstab",
          "node_netstat_Tcp_InErrs",
          "node_netstat_Tcp_InSegs",
          "node_netstat_Tcp_OutRsts",
          "node_netstat_Tcp_OutSegs",
          "node_netstat_Tcp_PassiveOpens",
          "node_netstat_Tcp_RetransSegs",
          "node_netstat_UdpLite_InErrors",
          "node_netstat_Udp_InDatagrams",
          "node_netstat_Udp_InErrors",
          "node_netstat_Udp_NoPorts",
          "node_netstat_Udp_OutDatagrams",
          "node_netstat_Udp_RcvbufErrors",
          "node_netstat_Udp_SndbufErrors",
          "node_network_carrier",
          "node_network_mtu_bytes",
          "node_network_receive_bytes_total",
          "node_network_receive_compressed_total",
          "node_network_receive_drop_total",
          "node_network_receive_errs_total",
          "node_network_receive_fifo_total",
          "node_network_receive_frame_total",
          "node_network_receive_multicast_total",
          "node_network_receive_packets_total",
          "node_network_speed_bytes",
          "node_network_transmit_bytes_total",
          "node_network_transmit_carrier_total",
          "node_network_transmit_colls_total",
          "node_network_transmit_compressed_total",
          "node_network_transmit_drop_total",
          "node_network_transmit_errs_total",
          "node_network_transmit_fifo_total",
          "node_network_transmit_packets_total",
          "node_network_transmit_queue_length",
          "node_network_up",
          "node_nf_conntrack_entries",
          "node_nf_conntrack_entries_limit",
          "node_pressure_cpu_waiting_seconds_total",
          "node_pressure_io_stalled_seconds_total",
          "node_pressure_io_waiting_seconds_total",
          "node_pressure_memory_stalled_seconds_total",
          "node_pressure_memory_waiting_seconds_total",
          "node_procs_blocked",
          "node_procs_running",
          "node_scrape_collector_duration_seconds",
          "node_scrape_collector_success",
          "node_sockstat_FRAG_inuse",
          "node_sockstat_FRAG_memory",
          "node_sockstat_RAW_inuse",
          "node_sockstat_TCP_alloc",
          "node_sockstat_TCP_inuse",
          "node_sockstat_TCP_mem",
          "node_sockstat_TCP_mem_bytes",
          "node_sockstat_TCP_orphan",
          "node_sockstat_TCP_tw",
          "node_sockstat_UDPLITE_inuse",
          "node_sockstat_UDP_inuse",
          "node_sockstat_UDP_mem",
          "node_sockstat_UDP_mem_bytes",
          "node_sockstat_sockets_used",
          "node_softnet_dropped_total",
          "node_softnet_processed_total",
          "node_softnet_times_squeezed_total",
          "node_textfile_scrape_error",
          "node_time_seconds",
          "node_timex_estimated_error_seconds",
          "node_timex_frequency_adjustment_ratio",
          "node_timex_loop_time_constant",
          "node_timex_maxerror_seconds",
          "node_timex_offset_seconds",
          "node_timex_sync_status",
          "node_timex_tai_offset_seconds",
          "node_timex_tick_seconds",
          "node_uname_info",
          "node_vmstat_oom_kill",
          "node_vmstat_pgfault",
          "node_vmstat_pgmajfault",
          "node_vmstat_pgpgin",
          "node_vmstat_pgpgout",
          "node_vmstat_pswpin",
          "node_vmstat_pswpout");

  @TempDir static Path workDir;
  private static SideBySide both;
  private static Scrape theirs;
  private static Scrape mine;

  @BeforeAll
  static void startBothWithTheirDefaults() throws Exception {
    both = SideBySide.start(workDir, List.of());
    theirs = both.nodeExporter();
    mine = both.ours();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (both != null) {
      both.close();
    }
  }

  @Test
  void nodeMixinAlertNamesServedWithTheSameLabelNames() {
    assertServedAlike(NODE_MIXIN_ALERTS);
  }

  @Test
  void dashboard1860NamesServedWithTheSameLabelNames() {
    assertServedAlike(DASHBOARD_1860);
  }

  /**
   * Wider than the two lists: every {@code node_*} sample node_exporter's default scrape has here,
   * but for its own build info and scrape timings, and for node_exporter collectors the exporter
   * does not have (which serve nothing on this VM; {@code docs/exporter.md} lists them).
   */
  @Test
  void everyNameNodeExportersDefaultsServeHereServedAlike() {
    List<String> names = new ArrayList<>();
    for (String family : theirs.familyNames()) {
      if (family.startsWith("node_")
          && !family.equals("node_exporter_build_info")
          && !family.equals("node_scrape_collector_duration_seconds")
          && NOT_OURS.stream().noneMatch(family::startsWith)) {
        theirs.family(family).samples().forEach(sample -> names.add(sample.name()));
      }
    }
    assertTrue(names.size() > 150, "node_exporter serves only " + names);
    List<String> differences = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      if (!labelNames(theirs, name).equals(labelNames(mine, name))) {
        differences.add(
            name
                + ": node_exporter "
                + labelNames(theirs, name)
                + ", ours "
                + labelNames(mine, name));
      }
    }
    assertEquals(List.of(), differences);
  }

  /** Name prefixes of node_exporter 1.5's default collectors the exporter has no counterpart of. */
  static final List<String> NOT_OURS =
      List.of(
          "node_bcache_",
          "node_btrfs_",
          "node_cpu_frequency_",
          "node_cpu_scaling_",
          "node_dmi_",
          "node_fibrechannel_",
          "node_infiniband_",
          "node_ipvs_",
          "node_nfs_",
          "node_nfsd_",
          "node_power_supply_",
          "node_rapl_",
          "node_schedstat_",
          "node_systemd_",
          "node_tape_",
          "node_xfs_",
          "node_zfs_");

  private static void assertServedAlike(List<String> names) {
    List<String> differences = new ArrayList<>();
    int served = 0;
    for (String name : names) {
      Set<Set<String>> expected = labelNames(theirs, name);
      if (expected.isEmpty()) {
        continue; // not on this host (no conntrack module...): nothing to compare with
      }
      served++;
      Set<Set<String>> actual = labelNames(mine, name);
      if (!expected.equals(actual)) {
        differences.add(name + ": node_exporter " + expected + ", ours " + actual);
      }
    }
    // A host without conntrack or IPv6 lacks a few; many fewer means a broken setup.
    assertTrue(
        served >= names.size() * 9 / 10,
        "node_exporter serves only " + served + " of " + names.size() + " names here");
    assertEquals(List.of(), differences);
  }

  /** The label names of each series of {@code sampleName}, e.g. {@code [[cpu, mode]]}. */
  static Set<Set<String>> labelNames(Scrape scrape, String sampleName) {
    Set<Set<String>> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Map<String, String> labels : scrape.series(sampleName).keySet()) {
      out.add(new TreeSet<>(labels.keySet()));
    }
    return out;
  }
}
