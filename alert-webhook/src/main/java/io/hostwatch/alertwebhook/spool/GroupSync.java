package io.hostwatch.alertwebhook.spool;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for one fsync that many threads need (the outbox directory after their renames): a
 * caller whose change happened before a sync started is covered by it and need not sync again.
 * Under concurrent webhooks that turns one directory fsync per request into one per batch; a lone
 * request still pays exactly one.
 */
final class GroupSync {
  /** The fsync to share; throws when it fails. */
  @FunctionalInterface
  interface Sync {
    void run() throws IOException;
  }

  private final Sync sync;
  private final AtomicLong requested = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private long synced;

  GroupSync(Sync sync) {
    this.sync = sync;
  }

  /** Returns once a sync that started after the caller's change has completed. */
  void sync() throws IOException {
    long mine = requested.incrementAndGet();
    lock.lock();
    try {
      if (synced >= mine) {
        return; // a sync that began after our change already finished
      }
      long covered = requested.get();
      sync.run();
      synced = covered;
    } finally {
      lock.unlock();
    }
  }
}
