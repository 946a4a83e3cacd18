package io.hostwatch.rulesgen.rules;

import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** PromQL building blocks shared by the rules and the dashboards. */
public final class Promql {
  /**
   * Pseudo filesystems never worth an alert or a panel. node_exporter already drops most at
   * collection; the list keeps our exporter and older node_exporters in line.
   */
  public static final Matcher PSEUDO_FS =
      new Matcher(
          "fstype",
          "!~",
          "tmpfs|devtmpfs|ramfs|squashfs|nsfs|proc|sysfs|cgroup2?|autofs|tracefs|debugfs"
              + "|securityfs|pstore|bpf|configfs|mqueue|hugetlbfs|devpts|rpc_pipefs|binfmt_misc"
              + "|fusectl|efivarfs|iso9660");

  private Promql() {}

  /** {@code metric{selector, extra...}}, or the bare name when there are no matchers. */
  public static String series(String metric, List<Matcher> base, Matcher... extra) {
    List<Matcher> all = new ArrayList<>(base);
    all.addAll(List.of(extra));
    if (all.isEmpty()) {
      return metric;
    }
    return metric + all.stream().map(Matcher::toString).collect(Collectors.joining(",", "{", "}"));
  }

  static String hosts(Spec spec, Matcher... extra) {
    return series("up", spec.selector(), extra);
  }

  /** A filesystem metric of the selected hosts, pseudo filesystems excluded. */
  public static String filesystem(Spec spec, String metric) {
    return series(metric, spec.selector(), PSEUDO_FS);
  }

  /** {@code 4h} as seconds, for comparing with time-to-full values. */
  static String seconds(java.time.Duration d) {
    return Long.toString(d.toSeconds());
  }
}
