package io.hostwatch.registry;

import static io.hostwatch.registry.RegistryProcess.ALICE;
import static io.hostwatch.registry.RegistryProcess.BOB;
import static io.hostwatch.registry.RegistryProcess.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile registrant tries, against the registry started through {@code bin/registry}. No
 * Prometheus runs here: refused addresses are checked at the registry and never scraped.
 */
class RegistryHostileIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void registeringNeedsCredentialsWhileReadingStaysOpen() throws Exception {
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      HttpResponse<String> anonymous = r.register(null, body("prod-db-1", "127.0.0.1:9100"));
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isPresent());
      HttpResponse<String> wrong = r.register(ALICE, "guess", body("prod-db-1", "127.0.0.1:9100"));
      assertEquals(401, wrong.statusCode(), wrong.body());
      // Prometheus reads targets, and scrapes /metrics, without credentials.
      assertEquals("[]", r.targets());
      assertEquals(200, r.get("/metrics").statusCode());
      assertEquals(200, r.register(ALICE, body("prod-db-1", "127.0.0.1:9100")).statusCode());
      assertTrue(r.targets().contains("prod-db-1"));
    }
  }

  @Test
  void reservedLabelsAreRefusedUnlessTheOperatorAllowsThem() throws Exception {
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      for (String label : List.of("job", "instance", "__x", "__address__", "__scheme__")) {
        HttpResponse<String> res =
            r.register(ALICE, body("h", "127.0.0.1:9100", "{\"" + label + "\":\"prod-db-1\"}"));
        assertEquals(400, res.statusCode(), label + ": " + res.body());
        assertTrue(res.body().startsWith("labels." + label + ": "), res.body());
      }
      assertEquals("[]", r.targets());
    }
    try (RegistryProcess r = RegistryProcess.start(dir, "--registry.allow-reserved-labels")) {
      assertEquals(
          200,
          r.register(ALICE, body("h", "127.0.0.1:9100", "{\"job\":\"node\",\"__x\":\"y\"}"))
              .statusCode());
      // Never the address: that would go around the address check.
      HttpResponse<String> address =
          r.register(
              ALICE, body("h", "127.0.0.1:9100", "{\"__address__\":\"169.254.169.254:80\"}"));
      assertEquals(400, address.statusCode(), address.body());
      assertFalse(r.targets().contains("169.254"));
    }
  }

  @Test
  void aHostIdCanOnlyBeChangedByWhoRegisteredItAcrossRestarts() throws Exception {
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      assertEquals(200, r.register(ALICE, body("prod-db-1", "127.0.0.1:9100")).statusCode());
      HttpResponse<String> takeover = r.register(BOB, body("prod-db-1", "127.0.0.2:9100"));
      assertEquals(403, takeover.statusCode(), takeover.body());
      assertEquals(
          "host_id \"prod-db-1\" is registered with other credentials; only they can change it\n",
          takeover.body());
      assertTrue(r.targets().contains("127.0.0.1:9100"), r.targets());
      assertEquals(200, r.register(ALICE, body("prod-db-1", "127.0.0.3:9100")).statusCode());
    }
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      assertEquals(403, r.register(BOB, body("prod-db-1", "127.0.0.2:9100")).statusCode());
      assertTrue(r.targets().contains("127.0.0.3:9100"), r.targets());
    }
  }

  @Test
  void addressesOutsideTheAllowedRangesAreRefused() throws Exception {
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      for (String address :
          List.of(
              "169.254.169.254:80", // cloud metadata: link-local
              "0.0.0.0:80",
              "224.0.0.1:80",
              "8.8.8.8:53",
              "[fe80::1]:80",
              "[::ffff:169.254.169.254]:80",
              "2852039166:80", // 169.254.169.254 to a resolver that reads one number
              "0251.0376.0251.0376:80", // and in octal
              "metadata.google.internal:80",
              "127.0.0.1:0")) {
        HttpResponse<String> res = r.register(ALICE, body("h", address));
        assertEquals(403, res.statusCode(), address + ": " + res.body());
        assertTrue(res.body().startsWith("address: "), res.body());
      }
      assertEquals("[]", r.targets());
      HttpResponse<String> linkLocal = r.register(ALICE, body("h", "169.254.169.254:80"));
      assertEquals(
          "address: 169.254.169.254 is not in an allowed range (--registry.allowed-cidrs)\n",
          linkLocal.body());
      // Loopback and private ranges are allowed by default (registered, never contacted here).
      assertEquals(200, r.register(ALICE, body("lo", "127.0.0.1:9100")).statusCode());
      assertEquals(200, r.register(ALICE, body("lan", "192.168.1.10:9100")).statusCode());
    }
    try (RegistryProcess r = RegistryProcess.start(dir, "--registry.allowed-cidrs=127.0.0.0/8")) {
      assertEquals(403, r.register(ALICE, body("lan", "192.168.1.10:9100")).statusCode());
    }
  }

  @Test
  void capsOnCountAndLabelSizeAnswer4xxAndTheServiceKeepsServing() throws Exception {
    int maxTargets = 5000; // the defaults, under the launcher's heap cap
    int maxLabelBytes = 2048;
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        // What filled the heap before: 450 registrations with 60 KB of labels each.
        String huge = "{\"pad\":\"" + "x".repeat(60 * 1024) + "\"}";
        List<Future<HttpResponse<String>>> big = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
          String b = body("big-" + i, "127.0.0.1:9100", huge);
          big.add(pool.submit(() -> r.register(ALICE, b)));
        }
        for (Future<HttpResponse<String>> f : big) {
          assertEquals(413, f.get().statusCode(), f.get().body());
        }
        assertEquals("[]", r.targets());

        // Fill the registry to its cap with labels at their cap, then one more.
        String full = "{\"pad\":\"" + "x".repeat(maxLabelBytes - "pad".length()) + "\"}";
        List<Future<Integer>> fill = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          fill.add(
              pool.submit(
                  () -> {
                    int ok = 0;
                    for (int i = thread; i < maxTargets; i += 8) {
                      HttpResponse<String> res =
                          r.register(ALICE, body("h-" + i, "127.0.0.1:9100", full));
                      assertEquals(200, res.statusCode(), res.body());
                      ok++;
                    }
                    return ok;
                  }));
        }
        int ok = 0;
        for (Future<Integer> f : fill) {
          ok += f.get();
        }
        assertEquals(maxTargets, ok);
        HttpResponse<String> over = r.register(ALICE, body("one-more", "127.0.0.1:9100"));
        assertEquals(409, over.statusCode(), over.body());
        assertTrue(over.body().contains("--registry.max-targets"), over.body());

        // 8 concurrent readers, a few rounds: every answer whole.
        for (int round = 0; round < 3; round++) {
          List<Future<HttpResponse<String>>> reads = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            reads.add(pool.submit(() -> r.get("/api/v1/targets")));
          }
          for (Future<HttpResponse<String>> f : reads) {
            assertEquals(200, f.get().statusCode());
            JsonNode groups = JSON.readTree(f.get().body());
            assertEquals(maxTargets, groups.size());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertTrue(r.alive(), r.log());
      assertEquals(200, r.get("/-/healthy").statusCode());
      assertFalse(r.log().contains("OutOfMemoryError"), r.log());
    }
  }

  @Test
  void aChangeAppendsOneLineAndCompactionKeepsTheLogBounded() throws Exception {
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      Path log = r.storage.resolve("registrations.log");
      assertEquals(200, r.register(ALICE, body("a", "127.0.0.1:9100")).statusCode());
      byte[] before = Files.readAllBytes(log);
      assertEquals(1, lines(before));
      assertEquals(200, r.register(ALICE, body("b", "127.0.0.1:9101")).statusCode());
      byte[] after = Files.readAllBytes(log);
      // Appended: what was there is untouched, one line more.
      assertEquals(2, lines(after));
      assertTrue(startsWith(after, before));
      // A renewal changes nothing on disk.
      assertEquals(200, r.register(ALICE, body("b", "127.0.0.1:9101")).statusCode());
      assertEquals(after.length, Files.size(log));

      // Many changes to one host: the log is compacted, never more than its bound.
      int maxLines = 0;
      for (int i = 0; i < 1200; i++) {
        assertEquals(200, r.register(ALICE, body("a", "127.0.0.1:" + (10000 + i))).statusCode());
        maxLines = Math.max(maxLines, lines(Files.readAllBytes(log)));
      }
      assertTrue(maxLines <= 2 * 2 + 1000 + 1, "log grew to " + maxLines + " lines");
      assertTrue(lines(Files.readAllBytes(log)) < 1200);
    }
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      assertEquals(
          "[{\"targets\":[\"127.0.0.1:11199\"],\"labels\":{\"host_id\":\"a\"}},"
              + "{\"targets\":[\"127.0.0.1:9101\"],\"labels\":{\"host_id\":\"b\"}}]",
          r.targets());
    }
  }

  private static int lines(byte[] bytes) {
    int n = 0;
    for (byte b : bytes) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
