package io.hostwatch.forecaster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.config.Shard;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QueryPlanTest {
  private static Map<String, Long> hosts(int n, long seriesEach) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put(String.format("host-%04d:9100", i), seriesEach);
    }
    return m;
  }

  @Test
  void partsHoldAtMostTheSeriesAskedForAndCoverEveryHostOnce() {
    List<QueryPlan.Part> parts = QueryPlan.plan("x", hosts(1000, 6), Shard.ALL, 500);
    assertEquals(13, parts.size()); // 83 hosts (498 series) a part
    Set<String> seen = new HashSet<>();
    for (QueryPlan.Part p : parts) {
      assertTrue(p.hosts().size() * 6 <= 500, "" + p.hosts().size());
      for (String h : p.hosts()) {
        assertTrue(seen.add(h), h + " twice");
        assertTrue(p.query().contains(h.replace(".", "\\\\.")), p.query());
      }
    }
    assertEquals(1000, seen.size());
  }

  @Test
  void aHostBiggerThanAPartIsAPartOfItsOwnAndHostsPerPartAreBounded() {
    Map<String, Long> m = hosts(3, 1);
    m.put("big:9100", 10_000L);
    // big:9100 sorts first: it alone, then the three small ones together
    assertEquals(2, QueryPlan.plan("x", m, Shard.ALL, 500).size());
    Map<String, Long> shortNames = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      shortNames.put(String.format("h%04d", i), 1L);
    }
    assertEquals(4, QueryPlan.plan("x", shortNames, Shard.ALL, 10_000).size()); // 256 a part
  }

  @Test
  void longHostNamesMakeSmallerPartsSoTheQueryStaysShort() {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      m.put("a-rather-long-host-name-" + i + ".datacenter.example.com:9100", 1L);
    }
    List<QueryPlan.Part> parts = QueryPlan.plan("x / y", m, Shard.ALL, 10_000);
    assertEquals(4, parts.size());
    for (QueryPlan.Part p : parts) {
      assertTrue(p.query().length() < 16 * 1024, p.query().length() + " chars");
    }
  }

  @Test
  void replicasAskOnlyForTheirHostsAndTogetherForAll() {
    Map<String, Long> m = hosts(300, 10);
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      for (QueryPlan.Part p : QueryPlan.plan("x", m, new Shard(i, 3), 500)) {
        for (String h : p.hosts()) {
          assertTrue(new Shard(i, 3).owns(h));
          assertTrue(all.add(h));
        }
      }
    }
    assertEquals(m.keySet(), all);
  }

  @Test
  void seriesWithoutTheHostLabelOrAnUnfollowableQueryAreAskedForWhole() {
    Map<String, Long> m = hosts(3, 1);
    m.put("", 1L);
    List<QueryPlan.Part> parts = QueryPlan.plan("sum(x) or y", m, Shard.ALL, 500);
    assertEquals(1, parts.size());
    assertEquals("sum(x) or y", parts.get(0).query());
    assertNull(parts.get(0).hosts());
    assertTrue(parts.get(0).keeps("anything"));
    assertEquals(1, QueryPlan.plan("vector(1)", hosts(3, 1), Shard.ALL, 500).size());
    assertEquals(List.of(), QueryPlan.plan("x", Map.of(), Shard.ALL, 500));
  }
}
