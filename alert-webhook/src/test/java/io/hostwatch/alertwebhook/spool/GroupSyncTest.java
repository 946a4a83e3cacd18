package io.hostwatch.alertwebhook.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupSyncTest {
  @Test
  void aLoneCallerAlwaysSyncs() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    GroupSync g = new GroupSync(syncs::incrementAndGet);
    for (int i = 0; i < 10; i++) {
      g.sync();
    }
    assertEquals(10, syncs.get());
  }

  @Test
  void everyCallerIsCoveredByASyncThatStartedAfterItsChange() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    AtomicInteger durable = new AtomicInteger();
    AtomicInteger syncs = new AtomicInteger();
    GroupSync g =
        new GroupSync(
            () -> {
              int seen = changes.get();
              syncs.incrementAndGet();
              try {
                Thread.sleep(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              durable.accumulateAndGet(seen, Math::max);
            });
    List<Thread> threads = new ArrayList<>();
    AtomicInteger violations = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) {
                  int mine = changes.incrementAndGet();
                  try {
                    g.sync();
                  } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                  }
                  if (durable.get() < mine) {
                    violations.incrementAndGet();
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, violations.get(), "a caller returned before its change was synced");
    assertTrue(syncs.get() < 400, "syncs were shared: " + syncs.get());
  }
}
