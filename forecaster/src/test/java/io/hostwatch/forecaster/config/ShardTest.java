package io.hostwatch.forecaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void everyHostHasExactlyOneReplicaAndTheSplitIsEven() {
    for (int n = 1; n <= 5; n++) {
      Map<Integer, Integer> perReplica = new HashMap<>();
      for (int h = 0; h < 3000; h++) {
        String host = "10.0." + (h / 256) + "." + (h % 256) + ":9100";
        int owners = 0;
        for (int i = 0; i < n; i++) {
          if (new Shard(i, n).owns(host)) {
            owners++;
            perReplica.merge(i, 1, Integer::sum);
          }
        }
        assertEquals(1, owners, host + " in " + n);
      }
      for (int i = 0; i < n; i++) {
        int share = perReplica.getOrDefault(i, 0);
        assertTrue(Math.abs(share - 3000.0 / n) < 0.1 * 3000 / n, n + ": " + perReplica);
      }
    }
  }

  @Test
  void theHashIsFixedSoReplicasOfDifferentVersionsAgree() {
    assertEquals(Shard.hash("host-a:9100"), Shard.hash("host-a:9100"));
    // pinned: a change here moves every host between replicas on upgrade
    assertEquals(6093517404883064159L, Shard.hash("host-a:9100"));
  }

  @Test
  void parsesAndRefuses() {
    assertEquals(new Shard(1, 3), Shard.parse(" 1/3 "));
    assertEquals("2/3", Shard.parse("2/3").toString());
    for (String bad : new String[] {"3/3", "-1/3", "0/0", "1", "a/b", "1/2/3", ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
      assertTrue(e.getMessage().contains("expected i/n"), e.getMessage());
    }
  }
}
