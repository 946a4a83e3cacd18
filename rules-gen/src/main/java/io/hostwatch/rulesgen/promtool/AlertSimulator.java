package io.hostwatch.rulesgen.promtool;

/**
 * Replays Prometheus' alert state machine (rules/alerting.go, 2.42) over one series evaluated once
 * a minute, so a generated test can say which alerts fire when. Pending becomes firing once the
 * condition has held for {@code for}; a firing alert whose condition stops stays firing while less
 * than {@code keep_firing_for} has passed since the first evaluation without it.
 */
public final class AlertSimulator {
  /** Per minute: whether the alert fires, and the value its annotations were last expanded with. */
  record Result(boolean[] firing, double[] value) {}

  private AlertSimulator() {}

  static Result run(boolean[] condition, double[] observed, long forMinutes, long keepMinutes) {
    int n = condition.length;
    boolean[] firing = new boolean[n];
    double[] value = new double[n];
    boolean active = false;
    boolean fired = false;
    int activeAt = 0;
    int keepSince = -1;
    double last = Double.NaN;
    for (int t = 0; t < n; t++) {
      if (condition[t]) {
        keepSince = -1;
        if (!active) {
          active = true;
          fired = false;
          activeAt = t;
        }
        last = observed[t];
        if (!fired && t - activeAt >= forMinutes) {
          fired = true;
        }
      } else if (active && fired && keepMinutes > 0) {
        if (keepSince < 0) {
          keepSince = t;
        }
        if (t - keepSince >= keepMinutes) {
          active = false;
          fired = false;
        }
      } else {
        active = false;
        fired = false;
      }
      firing[t] = active && fired;
      value[t] = last;
    }
    return new Result(firing, value);
  }
}
