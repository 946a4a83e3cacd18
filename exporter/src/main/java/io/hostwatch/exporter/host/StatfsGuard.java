package io.hostwatch.exporter.host;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls {@link Host#fsUsage} in a worker with a timeout, so one hung mount (an NFS server gone,
 * say) cannot hold a scrape: node_exporter's {@code stuckMounts}. A mount that misses the timeout
 * is <em>stuck</em> and skipped, without a new call, until its pending call returns; its worker
 * thread stays blocked in the kernel meanwhile, one thread per stuck mount at most.
 */
public final class StatfsGuard {
  private static final Logger logger = Logger.getLogger(StatfsGuard.class.getName());

  private final Host host;
  private final long timeoutNanos;
  private final ExecutorService workers;
  private final Map<String, Future<FsUsage>> stuck = new ConcurrentHashMap<>();

  public StatfsGuard(Host host, Duration timeout) {
    this.host = host;
    this.timeoutNanos = timeout.toNanos();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "statfs");
              t.setDaemon(true);
              return t;
            });
  }

  /** The mount's usage, or {@code null} when the call failed, timed out or the mount is stuck. */
  public FsUsage usage(MountPoint mount) {
    String key = mount.mountPoint();
    Future<FsUsage> pending = stuck.get(key);
    if (pending != null) {
      if (!pending.isDone()) {
        logger.fine(() -> "mount point is in an unresponsive state: " + key);
        return null;
      }
      stuck.remove(key, pending);
      logger.info(() -> "mount point answers again: " + key);
    }
    Future<FsUsage> call = workers.submit(() -> host.fsUsage(mount));
    try {
      return call.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stuck.put(key, call);
      logger.warning(() -> "mount point timed out, it is now marked as stuck: " + key);
      return null;
    } catch (ExecutionException e) {
      logger.log(Level.FINE, "statfs " + key + " failed", e.getCause());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Whether a mount is currently skipped as stuck. */
  public boolean isStuck(String mountPoint) {
    Future<FsUsage> f = stuck.get(mountPoint);
    return f != null && !f.isDone();
  }
}
