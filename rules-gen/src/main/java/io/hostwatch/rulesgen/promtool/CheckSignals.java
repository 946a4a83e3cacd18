package io.hostwatch.rulesgen.promtool;

import io.hostwatch.rulesgen.rules.Rule;
import io.hostwatch.rulesgen.spec.Family;
import io.hostwatch.rulesgen.spec.Spec.CheckSpec;
import io.hostwatch.rulesgen.spec.ThresholdFile.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The raw node_exporter series that make a leveled node-mixin alert see a chosen value each minute,
 * and the extra guard some of them have (a trend), replayed the way Prometheus 2.42 computes it:
 * range selectors include both ends, the regression is least squares.
 */
public final class CheckSignals {
  static final Map<String, String> ROOT_FS =
      Map.of("device", "/dev/sda1", "fstype", "ext4", "mountpoint", "/");
  private static final Map<String, String> NIC = Map.of("device", "eth0");
  private static final long INODES = 100_000;

  private final CheckSpec check;
  private final PromtoolCase tc;
  private final int total;

  /** Per host, the series a trend guard looks at (free inodes, clock offset). */
  private final IdentityHashMap<SimulatedHost, double[]> trended = new IdentityHashMap<>();

  private double drainFrom;

  CheckSignals(CheckSpec check, PromtoolCase tc, int total) {
    this.check = check;
    this.tc = tc;
    this.total = total;
  }

  /** The first minute with a value: rate(), deriv() and predict_linear() need two samples. */
  static int firstValue(Family f) {
    return switch (f) {
      case NETWORK_ERRORS, CLOCK_SKEW, INODES_FILL, MAJOR_PAGE_FAULTS, DISK_IO, SYSTEMD_CRASHLOOP ->
          1;
      default -> 0;
    };
  }

  /** Labels the alert carries beyond the host's. */
  static Map<String, String> alertLabels(Family f) {
    return switch (f) {
      case INODES, INODES_FILL -> ROOT_FS;
      case NETWORK_ERRORS -> NIC;
      default -> SaturationSignals.alertLabels(f);
    };
  }

  /**
   * A host whose alert value is {@code p[t]}; {@code moving} hosts of a trend-guarded family trend
   * towards the alert (inodes being used up, the clock drifting further away).
   */
  SimulatedHost host(String name, Map<String, String> labels, double[] p, boolean moving) {
    Map<String, String> l = new HashMap<>(labels);
    l.putIfAbsent("instance", name + ":9100");
    SimulatedHost h = tc.host(new SimulatedHost(name, l));
    h.input("up", Map.of(), PercentAlertCases.series(1, total));
    double[] observed = new double[total + 1];
    switch (check.family()) {
      case INODES -> ratio(h, "node_filesystem_files", "node_filesystem_files_free", p, observed);
      case INODES_FILL -> inodesFill(h, p, moving, observed);
      case CONNTRACK ->
          ratio(h, "node_nf_conntrack_entries_limit", "node_nf_conntrack_entries", p, observed);
      case FILE_DESCRIPTORS ->
          ratio(h, "node_filefd_maximum", "node_filefd_allocated", p, observed);
      case NETWORK_ERRORS -> network(h, p, observed);
      case CLOCK_SKEW -> clock(h, p, observed);
      default -> {
        double[] v = SaturationSignals.input(check.family(), h, p, total);
        System.arraycopy(v, 0, observed, 0, v.length);
      }
    }
    h.observed = observed;
    return h;
  }

  /** {@code 100 * part / whole} with whole 1000, so the part is ten times the percentage. */
  private void ratio(SimulatedHost h, String whole, String part, double[] p, double[] observed) {
    Map<String, String> extra = alertLabels(check.family());
    h.input(whole, extra, PercentAlertCases.series(1000, total));
    StringBuilder values = new StringBuilder();
    for (int t = 0; t <= total; t++) {
      BigDecimal v = BigDecimal.valueOf(p[t]).multiply(BigDecimal.TEN);
      values.append(t == 0 ? "" : " ").append(v.stripTrailingZeros().toPlainString());
      observed[t] = 100 * v.doubleValue() / 1000;
    }
    h.input(part, extra, values.toString());
    if (check.family() == Family.INODES) {
      h.input("node_filesystem_readonly", ROOT_FS, PercentAlertCases.series(0, total));
    }
  }

  /**
   * Free inodes at {@code p[t]} percent, used up (when moving) at a steady pace that would empty a
   * host at the test's level in two thirds of {@code within}, so the prediction says "runs out".
   */
  private void inodesFill(SimulatedHost h, double[] p, boolean moving, double[] observed) {
    h.input("node_filesystem_files", ROOT_FS, PercentAlertCases.series(INODES, total));
    h.input("node_filesystem_readonly", ROOT_FS, PercentAlertCases.series(0, total));
    double[] free = new double[total + 1];
    StringBuilder values = new StringBuilder();
    long perMinute = moving ? drain() : 0;
    for (int t = 0; t <= total; t++) {
      long f = Math.round(p[t] * INODES / 100) - perMinute * t;
      free[t] = f;
      values.append(t == 0 ? "" : " ").append(f);
      // The first minute has a value (so a test value on a level is caught) but no trend yet.
      observed[t] = 100.0 * f / INODES;
    }
    h.input("node_filesystem_files_free", ROOT_FS, values.toString());
    trended.put(h, free);
  }

  /** Inodes used a minute: fast enough for the shortest {@code within}, the same on every host. */
  private long drain() {
    long minutes = check.within().values().stream().mapToLong(d -> d.toMinutes()).min().orElse(60);
    return Math.max(1, (long) Math.ceil(1.5 * drainFrom * INODES / 100 / Math.max(minutes, 1)));
  }

  /** The free percentage the inodes drain is sized for: the test's value past the level. */
  void drainFrom(double percent) {
    this.drainFrom = percent;
  }

  /** Packets at 100/s both ways, errors at {@code p[t]} percent of them. */
  private void network(SimulatedHost h, double[] p, double[] observed) {
    StringBuilder packets = new StringBuilder();
    StringBuilder errs = new StringBuilder();
    BigDecimal[] e = new BigDecimal[total + 1];
    e[0] = BigDecimal.ZERO;
    for (int t = 0; t <= total; t++) {
      if (t > 0) {
        e[t] = e[t - 1].add(BigDecimal.valueOf(p[t]).multiply(BigDecimal.valueOf(60)));
      }
      packets.append(t == 0 ? "" : " ").append(6000L * t);
      errs.append(t == 0 ? "" : " ").append(e[t].stripTrailingZeros().toPlainString());
      int from = Math.max(0, t - 2);
      observed[t] =
          t < 1 ? Double.NaN : 100 * e[t].subtract(e[from]).doubleValue() / (6000.0 * (t - from));
    }
    for (String dir : new String[] {"receive", "transmit"}) {
      h.input("node_network_" + dir + "_packets_total", NIC, packets.toString());
      h.input("node_network_" + dir + "_errs_total", NIC, errs.toString());
    }
  }

  /** An offset of {@code p[t]} seconds that keeps drifting away, a little each minute. */
  private void clock(SimulatedHost h, double[] p, double[] observed) {
    double lowest =
        check.levels().values().stream().mapToDouble(Double::doubleValue).min().orElse(1);
    BigDecimal step =
        BigDecimal.valueOf(lowest).divide(BigDecimal.valueOf(1000), 12, RoundingMode.HALF_EVEN);
    StringBuilder values = new StringBuilder();
    double[] offset = new double[total + 1];
    for (int t = 0; t <= total; t++) {
      BigDecimal v = BigDecimal.valueOf(p[t]).add(step.multiply(BigDecimal.valueOf(t)));
      offset[t] = v.doubleValue();
      values.append(t == 0 ? "" : " ").append(v.stripTrailingZeros().toPlainString());
      observed[t] = t < 1 ? Double.NaN : Math.abs(offset[t]);
    }
    h.input("node_timex_offset_seconds", Map.of(), values.toString());
    trended.put(h, offset);
  }

  /** Per minute, whether the family's trend guard holds for {@code r} on {@code h}; null: none. */
  boolean[] guard(SimulatedHost h, Rule r) {
    double[] v = trended.get(h);
    if (v == null) {
      return null;
    }
    boolean[] g = new boolean[v.length];
    Severity s = Severity.valueOf(r.severity().toUpperCase(java.util.Locale.ROOT));
    for (int t = 1; t < v.length; t++) {
      if (check.family() == Family.INODES_FILL) {
        long window = check.lookback().toMinutes();
        double[] fit = fit(v, t, window);
        g[t] = fit[1] + fit[0] * check.within().get(s).toSeconds() < 0;
      } else {
        g[t] = v[t] * fit(v, t, 5)[0] >= 0;
      }
    }
    return g;
  }

  /** Least squares over the samples of minutes [t - window, t]: {slope per s, value at t}. */
  private static double[] fit(double[] v, int t, long window) {
    int from = (int) Math.max(0, t - window);
    int n = t - from + 1;
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (int i = from; i <= t; i++) {
      double x = (i - t) * 60.0;
      sx += x;
      sy += v[i];
      sxy += x * v[i];
      sxx += x * x;
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return new double[] {slope, sy / n - slope * sx / n};
  }
}
