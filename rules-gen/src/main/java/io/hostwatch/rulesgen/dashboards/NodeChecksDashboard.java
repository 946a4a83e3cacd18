package io.hostwatch.rulesgen.dashboards;

import static io.hostwatch.rulesgen.dashboards.Dashboards.INSTANCE;
import static io.hostwatch.rulesgen.dashboards.Dashboards.host;
import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.rulesgen.dashboards.DashboardRenderer.Dashboard;
import io.hostwatch.rulesgen.rules.Promql;
import io.hostwatch.rulesgen.spec.Family;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node Checks dashboard: a row per node-mixin family the file enables, titled with its alert,
 * showing what the alert watches per host and, for a leveled family, each host's levels dashed.
 */
public final class NodeChecksDashboard {
  static final String UID = "hostwatch-node-checks";
  private static final String RATE = "[$__rate_interval]";

  private NodeChecksDashboard() {}

  static Dashboard nodeChecks(Spec spec) {
    List<Panel> p = new ArrayList<>();
    for (CheckSpec c : spec.checks().values()) {
      p.add(Panel.row(c.family().alertName() + " (thresholds." + c.family().key() + ")"));
      p.add(panel(spec, c));
    }
    return new Dashboard(UID, "Hostwatch / Node Checks", Dashboards.hostQuery(spec), p);
  }

  private static Panel panel(Spec spec, CheckSpec c) {
    Family f = c.family();
    Panel panel = watched(spec, f).size(24, 7);
    if (f.leveled()) {
      panel
          .levelLines(levelColours(c))
          .query(series(f.thresholdSeries(), List.of(INSTANCE)), "{{instance}} {{severity}} level")
          .dashed("B");
    }
    return panel.describe(what(f) + " Alert: " + f.alertName() + ".");
  }

  /** The value the alert compares, per host and per disk, interface or unit. */
  private static Panel watched(Spec spec, Family f) {
    String fs = "{{instance}} {{mountpoint}}";
    return switch (f) {
      case INODES, INODES_FILL ->
          Panel.timeseries("Inodes free %")
              .unit("percent")
              .range(0, 100)
              .query(
                  "100 * "
                      + host(spec, "node_filesystem_files_free", Promql.PSEUDO_FS)
                      + " / "
                      + host(spec, "node_filesystem_files", Promql.PSEUDO_FS),
                  fs);
      case NETWORK_ERRORS -> {
        Panel p = Panel.timeseries("Network errors % of packets").unit("percent");
        for (String dir : List.of("receive", "transmit")) {
          p.query(
              "100 * rate("
                  + host(spec, "node_network_" + dir + "_errs_total")
                  + RATE
                  + ") / rate("
                  + host(spec, "node_network_" + dir + "_packets_total")
                  + RATE
                  + ")",
              "{{instance}} {{device}} " + dir);
        }
        yield p;
      }
      case CONNTRACK ->
          ratio(
              spec,
              "Conntrack table used %",
              "node_nf_conntrack_entries",
              "node_nf_conntrack_entries_limit");
      case FILE_DESCRIPTORS ->
          ratio(spec, "File descriptors used %", "node_filefd_allocated", "node_filefd_maximum");
      case CLOCK_SKEW ->
          Panel.timeseries("Clock offset")
              .unit("s")
              .query("abs(" + host(spec, "node_timex_offset_seconds") + ")", "{{instance}}");
      case CLOCK_SYNC ->
          Panel.timeseries("Clock synchronised (1) or not (0)")
              .query(host(spec, "node_timex_sync_status"), "{{instance}}");
      case TEXTFILE ->
          Panel.timeseries("Textfile read errors")
              .query(host(spec, "node_textfile_scrape_error"), "{{instance}}");
      case RAID ->
          Panel.timeseries("RAID disks missing")
              .query(
                  host(spec, "node_md_disks_required")
                      + " - ignoring(state) "
                      + host(spec, "node_md_disks", Matcher.eq("state", "active")),
                  "{{instance}} {{device}}");
      case RAID_DISK_FAILURE ->
          Panel.timeseries("RAID disks failed")
              .query(
                  host(spec, "node_md_disks", Matcher.eq("state", "failed")),
                  "{{instance}} {{device}}");
      case SYSTEMD ->
          Panel.timeseries("systemd units failed")
              .query(
                  host(spec, "node_systemd_unit_state", Matcher.eq("state", "failed")) + " == 1",
                  "{{instance}} {{name}}");
      case LOAD ->
          Panel.timeseries("Load per CPU core")
              .query(
                  host(spec, "node_load1")
                      + " / count without (cpu, mode) ("
                      + host(spec, "node_cpu_seconds_total", Matcher.eq("mode", "idle"))
                      + ")",
                  "{{instance}}");
      case MAJOR_PAGE_FAULTS ->
          Panel.timeseries("Major page faults/s")
              .query("rate(" + host(spec, "node_vmstat_pgmajfault") + RATE + ")", "{{instance}}");
      case DISK_IO ->
          Panel.timeseries("Disk I/O queue (aqu-sz)")
              .query(
                  "rate(" + host(spec, "node_disk_io_time_weighted_seconds_total") + RATE + ")",
                  "{{instance}} {{device}}");
      case SYSTEMD_CRASHLOOP ->
          Panel.timeseries("systemd unit restarts in 5m")
              .query(
                  "increase(" + host(spec, "node_systemd_service_restart_total") + "[5m])",
                  "{{instance}} {{name}}");
      case BONDING ->
          Panel.timeseries("Bond links down")
              .query(
                  host(spec, "node_bonding_slaves") + " - " + host(spec, "node_bonding_active"),
                  "{{instance}} {{master}}");
    };
  }

  private static Panel ratio(Spec spec, String title, String part, String whole) {
    return Panel.timeseries(title)
        .unit("percent")
        .range(0, 100)
        .query("100 * " + host(spec, part) + " / " + host(spec, whole), "{{instance}}");
  }

  /** What the panel shows, for its description. */
  private static String what(Family f) {
    return f.leveled()
        ? "Lines: the file's levels; dashed: each host's own level, overrides applied."
        : "The alert fires on a state, not a level.";
  }

  /**
   * The file's levels by colour, orange warning and red critical. A free-space family fires below
   * its levels, which Grafana's upward colour steps cannot show: its levels are the dashed lines.
   */
  private static Map<String, Double> levelColours(CheckSpec c) {
    Map<String, Double> lines = new LinkedHashMap<>();
    if (!c.family().below()) {
      Double w = c.levels().get(Severity.WARNING);
      Double cr = c.levels().get(Severity.CRITICAL);
      if (w != null) {
        lines.put("orange", w);
      }
      if (cr != null) {
        lines.put("red", cr);
      }
    }
    return lines;
  }
}
