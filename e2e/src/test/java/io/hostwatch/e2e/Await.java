package io.hostwatch.e2e;

import java.time.Duration;

/**
 * Bounded waits for what real processes do in their own time. The bounds are generous because the
 * machine is shared; a wait that runs out fails with what it waited for and what it last saw.
 */
final class Await {
  private Await() {}

  interface Check {
    boolean ok() throws Exception;
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls {@code check} every half second until it holds, or fails after {@code timeout}. */
  static void until(String what, Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
        last = null;
      } catch (java.io.IOException e) {
        last = e; // a process restarting: try again
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }

  /**
   * Polls {@code probe} until {@code done} accepts its value, then returns that value; fails with
   * the last value seen.
   */
  static <T> T value(
      String what, Duration timeout, Probe<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.get();
        if (done.test(last)) {
          return last;
        }
      } catch (java.io.IOException e) {
        // a process restarting: try again
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "timed out after " + timeout + " waiting for " + what + "; last saw " + last);
  }
}
