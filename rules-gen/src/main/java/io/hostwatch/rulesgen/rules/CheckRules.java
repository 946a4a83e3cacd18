package io.hostwatch.rulesgen.rules;

import static io.hostwatch.rulesgen.rules.Promql.filesystem;
import static io.hostwatch.rulesgen.rules.Promql.hosts;
import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.common.config.Durations;
import io.hostwatch.rulesgen.spec.Family;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.Spec.OverrideSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node-mixin families' rules: their threshold series (overrides applied the same way as for the
 * percentage alerts, see {@link RulesCatalog}) and their alerts. The expressions are the mixin's,
 * with the fixed numbers replaced by each host's threshold series, so they fire where the mixin
 * fires with its defaults.
 */
public final class CheckRules {
  /** The network alert watches each direction with its own rule, told apart by this label. */
  static final String DIRECTION = "direction";

  private CheckRules() {}

  static List<Rule> thresholds(Spec spec) {
    List<Rule> rules = new ArrayList<>();
    for (CheckSpec c : spec.checks().values()) {
      for (Severity s : c.levels().keySet()) {
        List<String> parts = new ArrayList<>();
        for (OverrideSpec o : spec.overrides()) {
          Double v = o.checkLevels().getOrDefault(c.family(), Map.of()).get(s);
          if (v != null) {
            Matcher[] extra =
                o.match().entrySet().stream()
                    .map(e -> Matcher.eq(e.getKey(), e.getValue()))
                    .toArray(Matcher[]::new);
            parts.add(perInstance(hosts(spec, extra), v));
          }
        }
        parts.add(perInstance(hosts(spec), c.levels().get(s)));
        rules.add(
            Rule.record(
                c.family().thresholdSeries(),
                String.join("\nor\n", parts) + (parts.size() > 1 ? "\n" : ""),
                Map.of("severity", s.label())));
      }
    }
    return rules;
  }

  private static String perInstance(String up, double value) {
    return "group by (instance) (" + up + ") * 0 + " + YamlWriter.number(value);
  }

  static List<Rule> alerts(Spec spec) {
    List<Rule> rules = new ArrayList<>();
    for (CheckSpec c : spec.checks().values()) {
      if (!c.family().leveled()) {
        rules.add(ToggleRules.alert(spec, c));
        continue;
      }
      for (Severity s : c.levels().keySet()) {
        if (c.family() == Family.NETWORK_ERRORS) {
          rules.add(networkErrors(spec, c, s, "receive"));
          rules.add(networkErrors(spec, c, s, "transmit"));
        } else {
          rules.add(leveled(spec, c, s));
        }
      }
    }
    return rules;
  }

  /** {@code value > on(instance) group_left() level} (or {@code <} for free space). */
  static String compare(Family f, String value, Severity s) {
    return value
        + "\n  "
        + (f.below() ? "<" : ">")
        + " on(instance) group_left()\n"
        + series(f.thresholdSeries(), List.of(Matcher.eq("severity", s.label())));
  }

  private static String readWrite(Spec spec) {
    return RulesCatalog.FS_JOIN + " (" + filesystem(spec, "node_filesystem_readonly") + " == 0)";
  }

  private static String inodesFree(Spec spec) {
    return "100 * "
        + filesystem(spec, "node_filesystem_files_free")
        + " / "
        + filesystem(spec, "node_filesystem_files");
  }

  private static Rule leveled(Spec spec, CheckSpec c, Severity s) {
    var sel = spec.selector();
    String fs = "{{ $labels.mountpoint }} on {{ $labels.instance }}";
    String on = "{{ $labels.instance }}";
    String level = " (" + c.family().thresholdSeries() + ")";
    String forText = Durations.format(c.forDuration());
    return switch (c.family()) {
      case INODES ->
          alert(
              spec,
              c,
              s,
              Map.of(),
              "(\n"
                  + compare(c.family(), inodesFree(spec), s)
                  + "\n)\nand "
                  + readWrite(spec)
                  + "\n",
              "Only {{ $value | humanize }}% of inodes free on " + fs,
              "Filesystem "
                  + fs
                  + " ({{ $labels.device }}) has {{ $value | humanize }}% of its inodes free, below its "
                  + s.label()
                  + " level"
                  + level
                  + ", for more than "
                  + forText
                  + ". When none are left no file can be created however much space is free: look"
                  + " for directories full of small files (caches, mail queues, sessions).");
      case INODES_FILL -> {
        String within = Durations.format(c.within().get(s));
        String free = filesystem(spec, "node_filesystem_files_free");
        yield alert(
            spec,
            c,
            s,
            Map.of(),
            String.join(
                "\n",
                "(",
                compare(c.family(), inodesFree(spec), s),
                ")",
                "and "
                    + RulesCatalog.FS_JOIN
                    + " (predict_linear("
                    + free
                    + "["
                    + Durations.format(c.lookback())
                    + "], "
                    + Promql.seconds(c.within().get(s))
                    + ") < 0)",
                "and " + readWrite(spec),
                ""),
            fs + " predicted to run out of inodes within " + within,
            "Filesystem "
                + fs
                + " ({{ $labels.device }}) has {{ $value | humanize }}% of its inodes free and,"
                + " at the rate of the last "
                + Durations.format(c.lookback())
                + ", runs out of them within "
                + within
                + ". This has held for more than "
                + forText
                + ".");
      }
      case CONNTRACK ->
          alert(
              spec,
              c,
              s,
              Map.of(),
              compare(
                      c.family(),
                      "100 * "
                          + series("node_nf_conntrack_entries", sel)
                          + " / "
                          + series("node_nf_conntrack_entries_limit", sel),
                      s)
                  + "\n",
              "Conntrack table {{ $value | humanize }}% full on " + on,
              "The connection tracking table of "
                  + on
                  + " is {{ $value | humanize }}% full, above its "
                  + s.label()
                  + " level"
                  + level
                  + ", for more than "
                  + forText
                  + ". When it is full the kernel drops new connections: raise"
                  + " net.netfilter.nf_conntrack_max or find what opens so many.");
      case FILE_DESCRIPTORS ->
          alert(
              spec,
              c,
              s,
              Map.of(),
              compare(
                      c.family(),
                      "100 * "
                          + series("node_filefd_allocated", sel)
                          + " / "
                          + series("node_filefd_maximum", sel),
                      s)
                  + "\n",
              "{{ $value | humanize }}% of file descriptors in use on " + on,
              "The kernel has allocated {{ $value | humanize }}% of its file descriptors (fs.file-max)"
                  + " on "
                  + on
                  + ", above its "
                  + s.label()
                  + " level"
                  + level
                  + ", for more than "
                  + forText
                  + ". When none are left, opening files and sockets fails.");
      case CLOCK_SKEW -> {
        String offset = series("node_timex_offset_seconds", sel);
        yield alert(
            spec,
            c,
            s,
            Map.of(),
            "# Off by more than the level, and not converging back.\n"
                + compare(c.family(), "abs(" + offset + ")", s)
                + "\nand\n"
                + offset
                + " * deriv("
                + offset
                + "[5m]) >= 0\n",
            "Clock on " + on + " is off by {{ $value | humanize }}s",
            "The clock of "
                + on
                + " is {{ $value | humanize }}s away from its time source, more than its "
                + s.label()
                + " level"
                + level
                + ", and not getting closer, for more than "
                + forText
                + ". Check that NTP (chronyd, systemd-timesyncd, ntpd) runs and reaches its"
                + " servers.");
      }
      default -> SaturationRules.alert(spec, c, s);
    };
  }

  private static Rule networkErrors(Spec spec, CheckSpec c, Severity s, String direction) {
    var sel = spec.selector();
    String value =
        "100 * rate("
            + series("node_network_" + direction + "_errs_total", sel)
            + "[2m]) / rate("
            + series("node_network_" + direction + "_packets_total", sel)
            + "[2m])";
    String where = "{{ $labels.device }} on {{ $labels.instance }}";
    return alert(
        spec,
        c,
        s,
        Map.of(DIRECTION, direction),
        compare(c.family(), value, s) + "\n",
        "{{ $value | humanize }}% " + direction + " errors on " + where,
        "Interface "
            + where
            + " has had {{ $value | humanize }}% of its "
            + direction
            + " packets in error over the last 2m, above its "
            + s.label()
            + " level ("
            + c.family().thresholdSeries()
            + "), for more than "
            + Durations.format(c.forDuration())
            + ". Look at the cable, the switch port, the driver and duplex settings.");
  }

  static Rule alert(
      Spec spec,
      CheckSpec c,
      Severity s,
      Map<String, String> extraLabels,
      String expr,
      String summary,
      String description) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("severity", s.label());
    labels.putAll(extraLabels);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    String name = c.family().alertName();
    annotations.put("runbook_url", spec.endpoints().runbookBaseUrl() + "/" + name);
    return new Rule(true, name, expr, c.forDuration(), c.keepFiringFor(), labels, annotations);
  }
}
