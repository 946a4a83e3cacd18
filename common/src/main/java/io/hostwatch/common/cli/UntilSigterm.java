package io.hostwatch.common.cli;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Keeps a started service running until SIGTERM or SIGINT, then shuts it down and ends the process
 * with {@link ExitCodes#OK}, as Prometheus and Alertmanager do: a stop the operator asked for is
 * not a failure, so systemd, Docker and Kubernetes see a clean exit rather than the JVM's 143.
 */
public final class UntilSigterm {
  /** The service's own shutdown, in the order it must happen (stop taking work, finish, close). */
  @FunctionalInterface
  public interface Shutdown {
    void run() throws Exception;
  }

  private UntilSigterm() {}

  /**
   * Blocks until the JVM is asked to stop, runs {@code shutdown}, and exits 0. A failing shutdown
   * step is logged; the process still ends, as the signal asked.
   */
  public static int await(Logger logger, Shutdown shutdown) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  logger.info("received a stop signal, shutting down gracefully");
                  try {
                    shutdown.run();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (Exception e) {
                    logger.warning("shutdown: " + e);
                  }
                  done.countDown();
                  System.out.flush();
                  System.err.flush();
                  // After a signal the JVM would end with 128 + 15; the shutdown was clean.
                  Runtime.getRuntime().halt(ExitCodes.OK);
                },
                "shutdown"));
    done.await();
    return ExitCodes.OK;
  }
}
