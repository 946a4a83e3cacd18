package io.hostwatch.exporter.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    return usages(List.of(mount)).get(0);
  }

  /**
   * The usage of each mount, in order, {@code null} where the call failed, timed out or the mount
   * is stuck. The calls run at once, so a scrape waits for the slowest, not for their sum.
   */
  public List<FsUsage> usages(List<MountPoint> mounts) {
    List<Future<FsUsage>> calls = new ArrayList<>(mounts.size());
    for (MountPoint m : mounts) {
      calls.add(isStuck(m.mountPoint()) ? null : workers.submit(() -> host.fsUsage(m)));
    }
    long deadline = System.nanoTime() + timeoutNanos;
    List<FsUsage> out = new ArrayList<>(mounts.size());
    for (int i = 0; i < mounts.size(); i++) {
      out.add(await(mounts.get(i).mountPoint(), calls.get(i), deadline));
    }
    return out;
  }

  private FsUsage await(String key, Future<FsUsage> call, long deadline) {
    if (call == null) {
      logger.fine(() -> "mount point is in an unresponsive state: " + key);
      return null;
    }
    try {
      return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

  /** Whether a mount is currently skipped as stuck; a stuck one that answered is forgiven. */
  public boolean isStuck(String mountPoint) {
    Future<FsUsage> f = stuck.get(mountPoint);
    if (f == null) {
      return false;
    }
    if (!f.isDone()) {
      return true;
    }
    if (stuck.remove(mountPoint, f)) {
      logger.info(() -> "mount point answers again: " + mountPoint);
    }
    return false;
  }
}
