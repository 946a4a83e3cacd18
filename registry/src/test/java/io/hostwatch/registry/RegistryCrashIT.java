package io.hostwatch.registry;

import static io.hostwatch.registry.RegistryProcess.ALICE;
import static io.hostwatch.registry.RegistryProcess.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.testing.FreePorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of the registry while it writes, then a restart on what it left. */
class RegistryCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HOSTS = 4;
  @TempDir Path dir;

  @Test
  void aCrashMidWriteLeavesAStoreThatLoadsWithEveryAcknowledgedChange() throws Exception {
    int port = FreePorts.next();
    // The last port each host's registration was acknowledged with (one writer per host).
    AtomicIntegerArray acked = new AtomicIntegerArray(HOSTS);
    Path storage;
    try (RegistryProcess r = RegistryProcess.start(dir, port)) {
      storage = r.storage;
      ExecutorService writers = Executors.newFixedThreadPool(HOSTS);
      for (int h = 0; h < HOSTS; h++) {
        int host = h;
        writers.submit(
            () -> {
              for (int p = 1000; p < 60000 && !Thread.currentThread().isInterrupted(); p++) {
                try {
                  HttpResponse<String> res =
                      r.register(ALICE, body("host-" + host, "127.0.0.1:" + p));
                  if (res.statusCode() == 200) {
                    acked.set(host, p);
                  }
                } catch (Exception e) {
                  return; // the registry is gone
                }
              }
            });
      }
      while (acked.get(HOSTS - 1) < 1100) {
        Thread.sleep(20);
      }
      r.kill(); // while the writers are appending
      writers.shutdownNow();
      assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
    }
    // What else a crash can leave: a torn last line, and temp files of an interrupted rewrite
    // (this layout's and the one before).
    Path log = storage.resolve("registrations.log");
    Files.write(
        log,
        "1234abcd {\"host_id\":\"torn\",\"addr".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    Path staleLog = Files.writeString(storage.resolve(".registrations.log.tmp"), "half");
    Path staleLegacy = Files.writeString(storage.resolve(".targets.json123456.tmp"), "[{\"ho");

    try (RegistryProcess r = RegistryProcess.start(dir, port)) {
      Map<String, Integer> ports = ports(r.targets());
      assertEquals(HOSTS, ports.size(), r.targets());
      for (int h = 0; h < HOSTS; h++) {
        // Acknowledged means on disk; one more may have been written but not answered.
        int got = ports.get("host-" + h);
        assertTrue(got >= acked.get(h), "host-" + h + ": " + got + " < acked " + acked.get(h));
      }
      assertFalse(Files.exists(staleLog), "stale temp file left");
      assertFalse(Files.exists(staleLegacy), "stale temp file left");
      assertFalse(Files.readString(log).contains("torn"));
      // Appends after the torn line are read back: it was cut off, not written after.
      assertEquals(200, r.register(ALICE, body("after", "127.0.0.1:9999")).statusCode());
    }
    try (RegistryProcess r = RegistryProcess.start(dir, port)) {
      assertEquals(HOSTS + 1, ports(r.targets()).size(), r.targets());
    }
  }

  @Test
  void importsTheEarlierTargetsJsonLayoutOnce() throws Exception {
    Path storage = Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        storage.resolve("targets.json"),
        "[{\"host_id\":\"old\",\"address\":\"127.0.0.1:9100\",\"labels\":{\"role\":\"web\"}}]");
    try (RegistryProcess r = RegistryProcess.start(dir)) {
      assertEquals(
          "[{\"targets\":[\"127.0.0.1:9100\"],\"labels\":{\"role\":\"web\",\"host_id\":\"old\"}}]",
          r.targets());
      assertFalse(Files.exists(storage.resolve("targets.json")));
      // It kept no owners: the first to register it again claims it.
      assertEquals(200, r.register(ALICE, body("old", "127.0.0.1:9101")).statusCode());
      assertEquals(
          403, r.register(RegistryProcess.BOB, body("old", "127.0.0.1:9102")).statusCode());
    }
  }

  private static Map<String, Integer> ports(String targets) throws Exception {
    Map<String, Integer> out = new HashMap<>();
    for (JsonNode g : JSON.readTree(targets)) {
      String t = g.get("targets").get(0).asText();
      out.put(g.get("labels").get("host_id").asText(), Integer.parseInt(t.split(":")[1]));
    }
    return out;
  }
}
