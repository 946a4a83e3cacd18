package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Check;
import io.hostwatch.rulesgen.spec.ThresholdFile.InodesFill;
import io.hostwatch.rulesgen.spec.ThresholdFile.LevelOverride;
import io.hostwatch.rulesgen.spec.ThresholdFile.OverrideThresholds;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.spec.ThresholdFile.Thresholds;
import io.hostwatch.rulesgen.spec.ThresholdFile.Toggle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Resolves and checks the node-mixin families ({@link Family}) and their overrides. */
final class CheckValidator {
  private CheckValidator() {}

  /** The enabled families, defaults filled in, in {@link Family} order. */
  static Map<Family, CheckSpec> checks(
      Thresholds t, Duration defFor, Duration defKeep, Loaded<?> loaded, List<ConfigError> errors) {
    Map<Family, CheckSpec> out = new EnumMap<>(Family.class);
    for (Family f : Family.values()) {
      Raw raw = raw(t, f);
      if (Boolean.FALSE.equals(raw.enabled)) {
        continue;
      }
      String path = "thresholds." + f.key();
      Map<Severity, Double> levels = new EnumMap<>(Severity.class);
      if (f.leveled()) {
        levels = levels(f, raw.warning, raw.critical, path, loaded, errors);
      }
      Duration forDuration = or(raw.forDuration, or(f.defaultFor(), defFor));
      Duration keep = or(raw.keepFiringFor, defKeep);
      Map<Severity, Duration> within = Map.of();
      Duration lookback = null;
      if (f == Family.INODES_FILL) {
        InodesFill fill = t.inodesFill();
        within = new EnumMap<>(Severity.class);
        within.put(Severity.WARNING, or(fill == null ? null : fill.warningWithin(), day()));
        within.put(Severity.CRITICAL, or(fill == null ? null : fill.criticalWithin(), hours(4)));
        lookback = or(fill == null ? null : fill.lookback(), hours(6));
        positive(within.get(Severity.WARNING), path + ".warning_within", loaded, errors);
        positive(within.get(Severity.CRITICAL), path + ".critical_within", loaded, errors);
        positive(lookback, path + ".lookback", loaded, errors);
      }
      Severity severity = or(raw.severity, f.defaultSeverity());
      out.put(f, new CheckSpec(f, levels, forDuration, keep, severity, within, lookback));
    }
    return out;
  }

  /** Each level the file leaves out keeps the family's default; the pair must stay ordered. */
  private static Map<Severity, Double> levels(
      Family f, Double warning, Double critical, String path, Loaded<?> l, List<ConfigError> e) {
    Map<Severity, Double> levels = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      Double own = s == Severity.WARNING ? warning : critical;
      Double v = own == null ? f.defaultLevel(s) : own;
      if (v == null) {
        continue;
      }
      if (own != null) {
        String problem = LevelRules.rangeError(f.unit(), v);
        if (problem != null) {
          e.add(l.errorAt(path + "." + s.label(), problem));
        }
      }
      levels.put(s, v);
    }
    if (warning != null || critical != null) {
      Severity blame = warning != null ? Severity.WARNING : Severity.CRITICAL;
      String ctx = warning != null && critical != null ? "" : LevelRules.DEFAULT_CONTEXT;
      String problem = LevelRules.orderError(f.unit(), levels, ctx);
      if (problem != null) {
        e.add(l.errorAt(path + "." + blame.label(), problem));
      }
    }
    return levels;
  }

  /** The overridden levels of {@code th}, checked against the families they override. */
  static Map<Family, Map<Severity, Double>> overrides(
      OverrideThresholds th,
      String path,
      Map<Family, CheckSpec> checks,
      Loaded<?> l,
      List<ConfigError> e) {
    Map<Family, Map<Severity, Double>> out = new EnumMap<>(Family.class);
    for (Family f : Family.leveledFamilies()) {
      LevelOverride lo = th.of(f);
      if (lo == null) {
        continue;
      }
      String p = path + ".thresholds." + f.key();
      CheckSpec base = checks.get(f);
      if (base == null) {
        e.add(
            l.errorAt(
                p,
                "overrides an alert the file disables (expected thresholds."
                    + f.key()
                    + ".enabled not to be false)"));
        continue;
      }
      Map<Severity, Double> own = new EnumMap<>(Severity.class);
      for (Severity s : Severity.values()) {
        Double v = s == Severity.WARNING ? lo.warning() : lo.critical();
        if (v == null) {
          continue;
        }
        String problem = LevelRules.rangeError(f.unit(), v);
        if (problem != null) {
          e.add(l.errorAt(p + "." + s.label(), problem));
        } else if (!base.levels().containsKey(s)) {
          e.add(
              l.errorAt(
                  p + "." + s.label(),
                  "thresholds."
                      + f.key()
                      + " has no "
                      + s.label()
                      + " level to override (expected only the levels thresholds."
                      + f.key()
                      + " has)"));
        }
        own.put(s, v);
      }
      Map<Severity, Double> effective = new EnumMap<>(base.levels());
      effective.putAll(own);
      if (!own.isEmpty()) {
        String ctx = own.size() == 2 ? "" : LevelRules.OVERRIDE_CONTEXT;
        Severity blame = own.containsKey(Severity.WARNING) ? Severity.WARNING : Severity.CRITICAL;
        String problem = LevelRules.orderError(f.unit(), effective, ctx);
        if (problem != null) {
          e.add(l.errorAt(p + "." + blame.label(), problem));
        }
      }
      out.put(f, own);
    }
    return out;
  }

  /** Whether {@code th} overrides any node-mixin family. */
  static boolean any(OverrideThresholds th) {
    return Family.leveledFamilies().stream().anyMatch(f -> th.of(f) != null);
  }

  private record Raw(
      Boolean enabled,
      Double warning,
      Double critical,
      Duration forDuration,
      Duration keepFiringFor,
      Severity severity) {}

  private static Raw raw(Thresholds t, Family f) {
    return switch (f) {
      case INODES -> check(t.inodes());
      case INODES_FILL -> {
        InodesFill x = t.inodesFill();
        yield x == null
            ? check(null)
            : new Raw(
                x.enabled(), x.warning(), x.critical(), x.forDuration(), x.keepFiringFor(), null);
      }
      case NETWORK_ERRORS -> check(t.networkErrors());
      case CONNTRACK -> check(t.conntrack());
      case CLOCK_SKEW -> check(t.clockSkew());
      case FILE_DESCRIPTORS -> check(t.fileDescriptors());
      case CLOCK_SYNC -> toggle(t.clockSync());
      case TEXTFILE -> toggle(t.textfile());
      case RAID -> toggle(t.raid());
      case SYSTEMD -> toggle(t.systemd());
      case RAID_DISK_FAILURE -> toggle(t.raidDiskFailure());
      case LOAD -> check(t.load());
      case MAJOR_PAGE_FAULTS -> check(t.majorPageFaults());
      case DISK_IO -> check(t.diskIo());
      case SYSTEMD_CRASHLOOP -> check(t.systemdCrashloop());
      case BONDING -> toggle(t.bonding());
    };
  }

  private static Raw check(Check c) {
    return c == null
        ? new Raw(null, null, null, null, null, null)
        : new Raw(c.enabled(), c.warning(), c.critical(), c.forDuration(), c.keepFiringFor(), null);
  }

  private static Raw toggle(Toggle x) {
    return x == null
        ? new Raw(null, null, null, null, null, null)
        : new Raw(x.enabled(), null, null, x.forDuration(), x.keepFiringFor(), x.severity());
  }

  private static void positive(Duration d, String path, Loaded<?> l, List<ConfigError> e) {
    if (d.isZero()) {
      e.add(l.errorAt(path, "must be longer than 0s (expected a duration like 4h)"));
    }
  }

  private static Duration day() {
    return Duration.ofDays(1);
  }

  private static Duration hours(int h) {
    return Duration.ofHours(h);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
