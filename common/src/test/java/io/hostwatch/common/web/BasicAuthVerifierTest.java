package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicAuthVerifierTest {
  @Test
  void aSuccessfulCheckIsCachedSoRepeatedScrapesSkipBcrypt() throws Exception {
    BasicAuthVerifier v = new BasicAuthVerifier(WebFixtures.users());
    for (int i = 0; i < 5; i++) {
      assertTrue(v.verify("alice", "alice-secret"));
    }
    assertEquals(1, v.bcryptRuns());
  }

  @Test
  void failuresAreNeverCachedNorTakenForSuccesses() throws Exception {
    BasicAuthVerifier v = new BasicAuthVerifier(WebFixtures.users());
    assertTrue(v.verify("alice", "alice-secret"));
    assertFalse(v.verify("alice", "alice-secret "));
    assertFalse(v.verify("alice", "alice-secret "));
    assertFalse(v.verify("bob", "alice-secret"));
    assertEquals(4, v.bcryptRuns());
  }

  @Test
  void anUnknownUserCostsABcryptCheckToo() throws Exception {
    BasicAuthVerifier v = new BasicAuthVerifier(WebFixtures.users());
    assertFalse(v.verify("mallory", "alice-secret"));
    assertEquals(1, v.bcryptRuns());
  }

  @Test
  void theCacheIsBoundedAndEvictsTheLeastRecentlyUsed() throws Exception {
    String hash = WebFixtures.users().get("alice");
    Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= BasicAuthVerifier.CACHE_SIZE; i++) {
      many.put("user" + i, hash);
    }
    BasicAuthVerifier v = new BasicAuthVerifier(many);
    for (String user : many.keySet()) {
      assertTrue(v.verify(user, "alice-secret"));
    }
    int runs = v.bcryptRuns();
    assertTrue(v.verify("user" + BasicAuthVerifier.CACHE_SIZE, "alice-secret"));
    assertEquals(runs, v.bcryptRuns(), "the most recent entry is still cached");
    assertTrue(v.verify("user0", "alice-secret"));
    assertEquals(runs + 1, v.bcryptRuns(), "the oldest entry was evicted");
  }

  @Test
  void anOverlongPasswordIsJustWrong() throws Exception {
    BasicAuthVerifier v = new BasicAuthVerifier(WebFixtures.users());
    assertFalse(v.verify("alice", "alice-secret" + "x".repeat(100)));
  }
}
