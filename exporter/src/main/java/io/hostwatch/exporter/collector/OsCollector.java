package io.hostwatch.exporter.collector;

import io.hostwatch.exporter.host.Host;
import java.util.Map;

/**
 * {@code node_os_info} and {@code node_os_version} from {@code /etc/os-release} (OSHI's OS family
 * and version elsewhere), labelled as node_exporter labels them.
 */
final class OsCollector implements Collector {
  static final CollectorDefinition DEFINITION =
      new CollectorDefinition(
          "os", true, "OS name and version (/etc/os-release)", ctx -> new OsCollector(ctx.host()));

  private static final String[] INFO_LABELS = {
    "build_id",
    "id",
    "id_like",
    "image_id",
    "image_version",
    "name",
    "pretty_name",
    "variant",
    "variant_id",
    "version",
    "version_codename",
    "version_id"
  };

  private final Host host;

  OsCollector(Host host) {
    this.host = host;
  }

  @Override
  public void collect(MetricSink out) throws Exception {
    Map<String, String> f = host.osRelease();
    String[] values = new String[INFO_LABELS.length];
    for (int i = 0; i < INFO_LABELS.length; i++) {
      values[i] = f.getOrDefault(INFO_LABELS[i].toUpperCase(java.util.Locale.ROOT), "");
    }
    out.gauge(
            "node_os_info",
            "A metric with a constant '1' value labeled by build_id, id, id_like, image_id,"
                + " image_version, name, pretty_name, variant, variant_id, version,"
                + " version_codename, version_id.",
            INFO_LABELS)
        .add(1, values);
    double version = majorMinor(f.getOrDefault("VERSION_ID", ""));
    if (!Double.isNaN(version)) {
      out.gauge(
              "node_os_version",
              "Metric containing the major.minor part of the OS version.",
              "id",
              "id_like",
              "name")
          .add(
              version,
              f.getOrDefault("ID", ""),
              f.getOrDefault("ID_LIKE", ""),
              f.getOrDefault("NAME", ""));
    }
  }

  /** {@code 22.04.3} → 22.04, {@code 12} → 12; NaN when there is no leading number. */
  static double majorMinor(String versionId) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^[0-9]+(\\.[0-9]+)?").matcher(versionId);
    return m.find() ? Double.parseDouble(m.group()) : Double.NaN;
  }
}
