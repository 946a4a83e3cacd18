package io.hostwatch.alertwebhook.render;

import java.time.Duration;

/**
 * A deadline for the template rendering on this thread, checked before every template node. A
 * custom template looping over a large group cannot hold the delivery worker past it; the renderer
 * then falls back to simpler output.
 */
final class RenderBudget {
  private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

  /**
   * Thrown from inside Jinjava when the time is up; not one of the errors Jinjava recovers from.
   */
  static final class ExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExceededException() {
      super("rendering took longer than its budget; stopped");
    }
  }

  private RenderBudget() {}

  static void start(Duration budget) {
    DEADLINE.set(new long[] {System.nanoTime() + budget.toNanos()});
  }

  static void clear() {
    DEADLINE.remove();
  }

  static void check() {
    long[] deadline = DEADLINE.get();
    if (deadline != null && System.nanoTime() - deadline[0] > 0) {
      throw new ExceededException();
    }
  }
}
