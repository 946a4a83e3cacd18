package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.EdacController;
import io.hostwatch.exporter.host.Host;
import java.util.HashSet;
import java.util.Set;

/**
 * Memory error counters from {@code /sys/devices/system/edac/mc/mc<N>/}, as node_exporter 1.5's
 * edac collector: {@code node_edac_correctable_errors_total{controller}}, {@code
 * node_edac_uncorrectable_errors_total{controller}}, and per row {@code
 * node_edac_csrow_correctable_errors_total{controller,csrow}} and {@code
 * node_edac_csrow_uncorrectable_errors_total{controller,csrow}}, where {@code csrow="unknown"}
 * counts the errors the kernel could not place. Without EDAC it succeeds with nothing.
 */
final class EdacCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      CollectorDefinition.kernelTable(
          "edac",
          "memory controller error counts (/sys/devices/system/edac)",
          ctx -> new EdacCollector(ctx.host()));

  static final String CORRECTABLE = "node_edac_correctable_errors_total";
  static final String UNCORRECTABLE = "node_edac_uncorrectable_errors_total";
  static final String CSROW_CORRECTABLE = "node_edac_csrow_correctable_errors_total";
  static final String CSROW_UNCORRECTABLE = "node_edac_csrow_uncorrectable_errors_total";

  /** As exposed: counters without {@code _total}. */
  private static final Set<String> OWNED =
      Set.of(
          "node_edac_correctable_errors",
          "node_edac_uncorrectable_errors",
          "node_edac_csrow_correctable_errors",
          "node_edac_csrow_uncorrectable_errors");

  private final Host host;

  EdacCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    MetricSink.Family ce =
        out.counter(CORRECTABLE, "Total correctable memory errors.", "controller");
    MetricSink.Family ue =
        out.counter(UNCORRECTABLE, "Total uncorrectable memory errors.", "controller");
    MetricSink.Family rowCe =
        out.counter(
            CSROW_CORRECTABLE,
            "Total correctable memory errors for this csrow.",
            "controller",
            "csrow");
    MetricSink.Family rowUe =
        out.counter(
            CSROW_UNCORRECTABLE,
            "Total uncorrectable memory errors for this csrow.",
            "controller",
            "csrow");
    // mc0 and mc0a are both controller 0: node_exporter's registry keeps the first only.
    Set<String> seen = new HashSet<>();
    for (EdacController c : host.edac()) {
      if (!seen.add(c.controller())) {
        continue;
      }
      ce.add(c.correctable(), c.controller());
      ue.add(c.uncorrectable(), c.controller());
      rowCe.add(c.correctableNoInfo(), c.controller(), "unknown");
      rowUe.add(c.uncorrectableNoInfo(), c.controller(), "unknown");
      Set<String> rows = new HashSet<>();
      for (EdacController.Csrow r : c.csrows()) {
        if (rows.add(r.csrow())) {
          rowCe.add(r.correctable(), c.controller(), r.csrow());
          rowUe.add(r.uncorrectable(), c.controller(), r.csrow());
        }
      }
    }
  }

  @Override
  public Set<String> ownedNames() {
    return OWNED;
  }
}
