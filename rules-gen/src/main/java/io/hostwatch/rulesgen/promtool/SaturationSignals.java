package io.hostwatch.rulesgen.promtool;

import io.hostwatch.rulesgen.rules.SaturationRules;
import io.hostwatch.rulesgen.spec.Family;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The raw series behind the saturation alerts ({@link SaturationRules}) and the value Prometheus
 * computes from them each minute. Rates are replayed with Prometheus' extrapolation, so the first
 * minutes, when the window is not yet full, are predicted as promtool sees them.
 */
public final class SaturationSignals {
  static final Map<String, String> DISK = Map.of("device", "sda");
  static final Map<String, String> UNIT = Map.of("name", "backup.service");

  /** Where the counters start: far from 0, so the extrapolation is not cut at a zero crossing. */
  private static final BigDecimal COUNTER_START = BigDecimal.valueOf(100_000);

  private SaturationSignals() {}

  /** Labels the alert carries beyond the host's. */
  static Map<String, String> alertLabels(Family f) {
    return switch (f) {
      case DISK_IO -> DISK;
      case SYSTEMD_CRASHLOOP -> UNIT;
      default -> Map.of();
    };
  }

  /** Writes {@code h}'s series so the alert's value is {@code p[t]}; returns what it computes. */
  static double[] input(Family f, SimulatedHost h, double[] p, int total) {
    return switch (f) {
      case LOAD -> load(h, p, total);
      case MAJOR_PAGE_FAULTS -> counter(h, "node_vmstat_pgmajfault", Map.of(), p, 1);
      case DISK_IO -> counter(h, "node_disk_io_time_weighted_seconds_total", DISK, p, 1);
      case SYSTEMD_CRASHLOOP ->
          counter(
              h,
              "node_systemd_service_restart_total",
              UNIT,
              p,
              SaturationRules.WINDOW_MINUTES * 60);
      default -> throw new IllegalArgumentException(f.name());
    };
  }

  /** Two cores, and a load of twice {@code p[t]}. */
  private static double[] load(SimulatedHost h, double[] p, int total) {
    for (String cpu : new String[] {"0", "1"}) {
      h.input("node_cpu_seconds_total", Map.of("cpu", cpu, "mode", "idle"), "0+30x" + total);
    }
    StringBuilder values = new StringBuilder();
    double[] observed = new double[p.length];
    for (int t = 0; t < p.length; t++) {
      BigDecimal v = BigDecimal.valueOf(p[t]).multiply(BigDecimal.valueOf(2));
      values.append(t == 0 ? "" : " ").append(v.stripTrailingZeros().toPlainString());
      observed[t] = v.doubleValue() / 2;
    }
    h.input("node_load1", Map.of(), values.toString());
    return observed;
  }

  /**
   * A counter that, in minute t, grows by what makes {@code rate * perRate} equal {@code p[t]}:
   * {@code perRate} is 1 for rate() and the window in seconds for increase().
   */
  private static double[] counter(
      SimulatedHost h, String metric, Map<String, String> labels, double[] p, int perRate) {
    double[] c = new double[p.length];
    BigDecimal v = COUNTER_START;
    StringBuilder values = new StringBuilder();
    for (int t = 0; t < p.length; t++) {
      if (t > 0) {
        v = v.add(BigDecimal.valueOf(p[t]).multiply(BigDecimal.valueOf(60.0 / perRate)));
      }
      c[t] = v.doubleValue();
      values.append(t == 0 ? "" : " ").append(v.stripTrailingZeros().toPlainString());
    }
    h.input(metric, labels, values.toString());
    double[] observed = new double[p.length];
    for (int t = 0; t < p.length; t++) {
      observed[t] = rate(c, t, SaturationRules.WINDOW_MINUTES) * perRate;
    }
    return observed;
  }

  /**
   * Prometheus' rate() at minute {@code t} over {@code window} minutes of one sample a minute: the
   * samples in the range (both ends included), extrapolated to its edges when they are near, by
   * half an interval when not, and never to before the counter was 0. NaN with fewer than two.
   */
  static double rate(double[] c, int t, int window) {
    int first = Math.max(0, t - window);
    if (t - first < 1) {
      return Double.NaN;
    }
    double result = c[t] - c[first];
    double sampled = (t - first) * 60.0;
    double average = sampled / (t - first);
    double toStart = (first - (t - window)) * 60.0;
    if (result > 0 && c[first] >= 0) {
      toStart = Math.min(toStart, sampled * (c[first] / result));
    }
    double threshold = average * 1.1;
    double interval = sampled + (toStart < threshold ? toStart : average / 2);
    result = result * (interval / sampled);
    return result / (window * 60.0);
  }
}
