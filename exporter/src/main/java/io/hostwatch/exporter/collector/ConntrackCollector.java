package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.ConntrackStats;
import io.hostwatch.exporter.host.Host;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Netfilter connection tracking: {@code node_nf_conntrack_entries}, {@code
 * node_nf_conntrack_entries_limit} ({@code /proc/sys/net/netfilter/nf_conntrack_{count,max}}) and
 * {@code node_nf_conntrack_stat_{found,invalid,ignore,insert,insert_failed,drop,early_drop,
 * search_restart}} summed over CPUs ({@code /proc/net/stat/nf_conntrack}). Without the conntrack
 * module the files are missing and the collector fails, as node_exporter's does.
 */
final class ConntrackCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "conntrack",
          "connection tracking table and counters (/proc/sys/net/netfilter, /proc/net/stat)",
          ctx -> new ConntrackCollector(ctx.host()));

  static final String ENTRIES = "node_nf_conntrack_entries";
  static final String LIMIT = "node_nf_conntrack_entries_limit";
  private static final String STAT = "node_nf_conntrack_stat_";

  /** Column of {@code /proc/net/stat/nf_conntrack} and node_exporter's help for it. */
  private record Stat(String column, String help) {}

  private static final List<Stat> STATS =
      List.of(
          new Stat("found", "Number of searched entries which were successful."),
          new Stat("invalid", "Number of packets seen which can not be tracked."),
          new Stat(
              "ignore", "Number of packets seen which are already connected to a conntrack entry."),
          new Stat("insert", "Number of entries inserted into the list."),
          new Stat(
              "insert_failed",
              "Number of entries for which list insertion was attempted but failed."),
          new Stat("drop", "Number of packets dropped due to conntrack failure."),
          new Stat(
              "early_drop",
              "Number of dropped conntrack entries to make room for new ones, if maximum table"
                  + " size was reached."),
          new Stat(
              "search_restart",
              "Number of conntrack table lookups which had to be restarted due to hashtable"
                  + " resizes."));

  private final Host host;

  ConntrackCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    ConntrackStats s = host.conntrack();
    out.gauge(
        ENTRIES,
        "Number of currently allocated flow entries for connection tracking.",
        s.entries());
    out.gauge(LIMIT, "Maximum size of connection tracking table.", s.limit());
    for (Stat stat : STATS) {
      Double v = s.stats().get(stat.column());
      if (v == null) {
        throw new IllegalStateException("nf_conntrack has no column " + stat.column());
      }
      out.gauge(STAT + stat.column(), stat.help(), v);
    }
  }

  private static final Set<String> OWNED = owned();

  private static Set<String> owned() {
    Set<String> names = new HashSet<>(Set.of(ENTRIES, LIMIT));
    STATS.forEach(s -> names.add(STAT + s.column()));
    return Set.copyOf(names);
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
