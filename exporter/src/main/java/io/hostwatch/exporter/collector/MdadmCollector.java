package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import io.hostwatch.exporter.host.MdStat;
import java.util.List;
import java.util.Set;

/**
 * Software RAID arrays from {@code /proc/mdstat}, all {@code {device}}: {@code
 * node_md_disks_required}, {@code node_md_disks{state="active|failed|spare"}}, {@code
 * node_md_state{state="active|inactive|recovering|resync|check"}} (1 for the array's state, 0 for
 * the others), {@code node_md_blocks} and {@code node_md_blocks_synced}. A host without md arrays
 * has no {@code /proc/mdstat} and reports failure, as node_exporter does.
 */
final class MdadmCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "mdadm", "software RAID arrays (/proc/mdstat)", ctx -> new MdadmCollector(ctx.host()));

  static final String DISKS_REQUIRED = "node_md_disks_required";
  static final String DISKS = "node_md_disks";
  static final String STATE = "node_md_state";
  static final String BLOCKS = "node_md_blocks";
  static final String BLOCKS_SYNCED = "node_md_blocks_synced";
  private static final Set<String> OWNED =
      Set.of(DISKS_REQUIRED, DISKS, STATE, BLOCKS, BLOCKS_SYNCED);

  /** The state label, and the activity state of mdstat that sets it to 1. */
  private record State(String label, String activity) {}

  private static final List<State> STATES =
      List.of(
          new State("active", "active"),
          new State("inactive", "inactive"),
          new State("recovering", "recovering"),
          new State("resync", "resyncing"),
          new State("check", "checking"));

  private final Host host;

  MdadmCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    List<MdStat> arrays = host.mdstat();
    MetricSink.Family required =
        out.gauge(DISKS_REQUIRED, "Total number of disks of device.", "device");
    MetricSink.Family disks =
        out.gauge(DISKS, "Number of active/failed/spare disks of device.", "device", "state");
    MetricSink.Family state =
        out.gauge(STATE, "Indicates the state of md-device.", "device", "state");
    MetricSink.Family blocks = out.gauge(BLOCKS, "Total number of blocks on device.", "device");
    MetricSink.Family synced =
        out.gauge(BLOCKS_SYNCED, "Number of blocks synced on device.", "device");
    for (MdStat md : arrays) {
      String d = md.name();
      required.add(md.disksTotal(), d);
      disks.add(md.disksActive(), d, "active");
      disks.add(md.disksFailed(), d, "failed");
      disks.add(md.disksSpare(), d, "spare");
      for (State s : STATES) {
        state.add(s.activity().equals(md.activityState()) ? 1 : 0, d, s.label());
      }
      blocks.add(md.blocksTotal(), d);
      synced.add(md.blocksSynced(), d);
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
