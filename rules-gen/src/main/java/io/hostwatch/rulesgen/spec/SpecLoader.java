package io.hostwatch.rulesgen.spec;

import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.YamlConfigLoader;
import io.hostwatch.common.config.YamlConfigLoader.Loaded;
import io.hostwatch.rulesgen.spec.Spec.AnomalySpec;
import io.hostwatch.rulesgen.spec.Spec.DiskFillSpec;
import io.hostwatch.rulesgen.spec.Spec.HostDownSpec;
import io.hostwatch.rulesgen.spec.Spec.LevelSpec;
import io.hostwatch.rulesgen.spec.Spec.OverrideSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Defaults;
import io.hostwatch.rulesgen.spec.ThresholdFile.Level;
import io.hostwatch.rulesgen.spec.ThresholdFile.LevelOverride;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import io.hostwatch.rulesgen.spec.ThresholdFile.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a threshold file, checks what the YAML binder cannot (ranges, warning below critical,
 * selectors, URLs) and resolves the defaults. Every problem is reported at once, positioned.
 */
public final class SpecLoader {
  static final Duration DEFAULT_FOR = Duration.ofMinutes(5);

  private SpecLoader() {}

  /** Loads and validates {@code file}. */
  public static Spec load(Path file) throws ConfigException {
    String text = YamlConfigLoader.readText(file);
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir, file.getFileName().toString());
  }

  /** Validates YAML text; {@code fileName} appears in messages and headers. */
  public static Spec parse(String text, String fileName) throws ConfigException {
    return parse(text, fileName, Path.of("."), Path.of(fileName).getFileName().toString());
  }

  private static Spec parse(String text, String fileName, Path dir, String source)
      throws ConfigException {
    Loaded<ThresholdFile> loaded;
    try {
      loaded = YamlConfigLoader.parse(text, fileName, dir, ThresholdFile.class);
    } catch (ConfigException e) {
      // Shape errors stop the binder; still report the level errors with them, all at once.
      List<ConfigError> all = new ArrayList<>(e.errors());
      for (ConfigError extra : RawLevelChecks.check(text, fileName)) {
        if (all.stream().noneMatch(x -> x.line() == extra.line() && x.column() == extra.column())) {
          all.add(extra);
        }
      }
      throw new ConfigException(all);
    }
    return resolve(loaded, source);
  }

  private static Spec resolve(Loaded<ThresholdFile> loaded, String source) throws ConfigException {
    ThresholdFile f = loaded.value();
    List<ConfigError> errors = new ArrayList<>();
    List<Matcher> selector = selector(f.selector(), loaded, errors);
    Defaults d = f.defaults() == null ? new Defaults(null, null) : f.defaults();
    Duration defFor = or(d.forDuration(), DEFAULT_FOR);
    Duration defKeep = or(d.keepFiringFor(), Duration.ZERO);
    Thresholds t =
        f.thresholds() == null
            ? new Thresholds(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null)
            : f.thresholds();
    Map<Kind, LevelSpec> levels = new EnumMap<>(Kind.class);
    level(Kind.CPU, t.cpu(), defFor, defKeep, levels, loaded, errors);
    level(Kind.MEMORY, t.memory(), defFor, defKeep, levels, loaded, errors);
    level(Kind.DISK, t.disk(), defFor, defKeep, levels, loaded, errors);
    Optional<HostDownSpec> hostDown =
        Optional.ofNullable(t.hostDown())
            .map(
                h ->
                    new HostDownSpec(
                        or(h.forDuration(), defFor),
                        or(h.keepFiringFor(), defKeep),
                        or(h.severity(), Severity.CRITICAL)));
    Optional<DiskFillSpec> diskFill = diskFill(t, defFor, defKeep, loaded, errors);
    Optional<AnomalySpec> anomaly =
        AnomalyValidator.anomaly(t.anomaly(), defFor, defKeep, loaded, errors);
    var checks = CheckValidator.checks(t, defFor, defKeep, loaded, errors);
    List<OverrideSpec> overrides = overrides(f, levels, checks, loaded, errors);
    var receivers = NotifyValidator.receivers(f.notifications(), loaded, errors);
    var endpoints = EndpointsValidator.endpoints(f, selector, loaded, errors);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return new Spec(
        source, selector, levels, overrides, hostDown, diskFill, anomaly, receivers, endpoints,
        checks);
  }

  private static List<Matcher> selector(String text, Loaded<?> loaded, List<ConfigError> errors) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try {
      return Matcher.parseList(text);
    } catch (IllegalArgumentException e) {
      errors.add(loaded.errorAt("selector", e.getMessage()));
      return List.of();
    }
  }

  private static void level(
      Kind kind,
      Level level,
      Duration defFor,
      Duration defKeep,
      Map<Kind, LevelSpec> out,
      Loaded<?> loaded,
      List<ConfigError> errors) {
    if (level == null) {
      return;
    }
    String path = "thresholds." + kind.key();
    if (level.warning() == null && level.critical() == null) {
      errors.add(
          loaded.errorAt(path, "no level set (expected warning, critical or both, in percent)"));
      return;
    }
    Map<Severity, Double> levels = new EnumMap<>(Severity.class);
    put(levels, Severity.WARNING, level.warning(), path, loaded, errors);
    put(levels, Severity.CRITICAL, level.critical(), path, loaded, errors);
    checkOrder(levels, path, Severity.WARNING, "", loaded, errors);
    out.put(
        kind,
        new LevelSpec(
            kind, levels, or(level.forDuration(), defFor), or(level.keepFiringFor(), defKeep)));
  }

  private static void put(
      Map<Severity, Double> levels,
      Severity severity,
      Double value,
      String path,
      Loaded<?> loaded,
      List<ConfigError> errors) {
    if (value == null) {
      return;
    }
    // "above 100 %" can never happen: the alert would be dead code, and untestable.
    String problem = LevelRules.rangeError(Family.Unit.PERCENT, value);
    if (problem != null) {
      errors.add(loaded.errorAt(path + "." + severity.label(), problem));
    }
    levels.put(severity, value);
  }

  /** Warning must stay below critical, or the warning alert could never be the only one. */
  private static void checkOrder(
      Map<Severity, Double> levels,
      String path,
      Severity blame,
      String context,
      Loaded<?> loaded,
      List<ConfigError> errors) {
    Double w = levels.get(Severity.WARNING);
    Double c = levels.get(Severity.CRITICAL);
    String problem = LevelRules.percentOrderError(w, c, context);
    if (problem != null) {
      errors.add(loaded.errorAt(path + "." + blame.label(), problem));
    }
  }

  private static Optional<DiskFillSpec> diskFill(
      Thresholds t, Duration defFor, Duration defKeep, Loaded<?> loaded, List<ConfigError> errors) {
    var df = t.diskFill();
    if (df == null) {
      return Optional.empty();
    }
    Duration within = or(df.within(), Duration.ofHours(4));
    Duration lookback = or(df.lookback(), Duration.ofHours(6));
    positive(within, "thresholds.disk_fill.within", loaded, errors);
    positive(lookback, "thresholds.disk_fill.lookback", loaded, errors);
    double floor = or(df.floor(), 50.0);
    if (!(floor >= 0 && floor <= 100)) {
      errors.add(
          loaded.errorAt(
              "thresholds.disk_fill.floor",
              number(floor) + " is out of range (expected a percentage from 0 to 100)"));
    }
    return Optional.of(
        new DiskFillSpec(
            within,
            lookback,
            floor,
            or(df.forDuration(), defFor),
            or(df.keepFiringFor(), defKeep),
            or(df.severity(), Severity.WARNING)));
  }

  private static void positive(
      Duration d, String path, Loaded<?> loaded, List<ConfigError> errors) {
    if (d.isZero()) {
      errors.add(loaded.errorAt(path, "must be longer than 0s (expected a duration like 4h)"));
    }
  }

  private static List<OverrideSpec> overrides(
      ThresholdFile f,
      Map<Kind, LevelSpec> levels,
      Map<Family, Spec.CheckSpec> checks,
      Loaded<?> loaded,
      List<ConfigError> errors) {
    List<OverrideSpec> out = new ArrayList<>();
    if (f.overrides() == null) {
      return out;
    }
    for (int i = 0; i < f.overrides().size(); i++) {
      var o = f.overrides().get(i);
      String path = "overrides[" + i + "]";
      NotifyValidator.checkLabels(o.match(), path + ".match", loaded, errors);
      Map<Kind, Map<Severity, Double>> byKind = new EnumMap<>(Kind.class);
      var th = o.thresholds();
      override(Kind.CPU, th.cpu(), path, levels, byKind, loaded, errors);
      override(Kind.MEMORY, th.memory(), path, levels, byKind, loaded, errors);
      override(Kind.DISK, th.disk(), path, levels, byKind, loaded, errors);
      var byFamily = CheckValidator.overrides(th, path, checks, loaded, errors);
      if (th.cpu() == null && th.memory() == null && th.disk() == null && !CheckValidator.any(th)) {
        errors.add(
            loaded.errorAt(
                path + ".thresholds",
                "nothing overridden (expected cpu, memory or disk levels, or those of a leveled"
                    + " node-mixin family)"));
      }
      out.add(new OverrideSpec(new LinkedHashMap<>(o.match()), byKind, byFamily));
    }
    return out;
  }

  private static void override(
      Kind kind,
      LevelOverride lo,
      String path,
      Map<Kind, LevelSpec> levels,
      Map<Kind, Map<Severity, Double>> out,
      Loaded<?> loaded,
      List<ConfigError> errors) {
    if (lo == null) {
      return;
    }
    String p = path + ".thresholds." + kind.key();
    LevelSpec base = levels.get(kind);
    if (base == null) {
      errors.add(
          loaded.errorAt(
              p,
              "overrides an alert the file does not define (expected thresholds."
                  + kind.key()
                  + " to be set)"));
      return;
    }
    Map<Severity, Double> own = new EnumMap<>(Severity.class);
    put(own, Severity.WARNING, lo.warning(), p, loaded, errors);
    put(own, Severity.CRITICAL, lo.critical(), p, loaded, errors);
    for (Severity s : own.keySet()) {
      if (!base.levels().containsKey(s)) {
        errors.add(
            loaded.errorAt(
                p + "." + s.label(),
                "thresholds."
                    + kind.key()
                    + " has no "
                    + s.label()
                    + " level to override"
                    + " (expected only the levels thresholds."
                    + kind.key()
                    + " sets)"));
      }
    }
    // The effective pair on a matching host must still be ordered.
    Map<Severity, Double> effective = new EnumMap<>(base.levels());
    effective.putAll(own);
    if (!own.isEmpty()) {
      String ctx = own.size() == 2 ? "" : " on the matching hosts";
      Severity blame = own.containsKey(Severity.WARNING) ? Severity.WARNING : Severity.CRITICAL;
      checkOrder(effective, p, blame, ctx, loaded, errors);
    }
    out.put(kind, own);
  }

  static String number(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v)
        ? Long.toString((long) v)
        : Double.toString(v);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
