package io.hostwatch.registry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registered exporters, keyed by host id, persisted to one JSON file after every change
 * (written to a temp file, fsync'd, then renamed, so a crash never leaves half a file).
 *
 * <p>Entries not renewed within the TTL are dropped. After a restart every loaded entry gets one
 * full TTL of grace: the registry being down says nothing about the hosts.
 */
public final class TargetStore {
  private static final Logger logger = Logger.getLogger(TargetStore.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Registration> byHostId = new LinkedHashMap<>();
  private long expiredTotal;

  public TargetStore(Path file, Duration ttl, Clock clock) {
    this.file = file;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Loads the file if there is one. */
  public synchronized void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<Map<String, Object>> rows = JSON.readValue(file.toFile(), new TypeReference<>() {});
    Instant now = clock.instant();
    for (Map<String, Object> row : rows) {
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) row.getOrDefault("labels", Map.of());
      String hostId = (String) row.get("host_id");
      String address = (String) row.get("address");
      if (Registration.validate(hostId, address, labels) == null) {
        byHostId.put(hostId, new Registration(hostId, address, labels, now));
      }
    }
    logger.info("loaded " + byHostId.size() + " targets from " + file);
  }

  /** Adds or renews a registration; persists when anything but the renewal time changed. */
  public synchronized void register(String hostId, String address, Map<String, String> labels)
      throws IOException {
    Registration before = byHostId.get(hostId);
    byHostId.put(hostId, new Registration(hostId, address, labels, clock.instant()));
    if (before == null || !before.address().equals(address) || !before.labels().equals(labels)) {
      logger.info("registered " + hostId + " at " + address);
      persist();
    }
  }

  /** Drops entries older than the TTL; returns how many. */
  public synchronized int expire() {
    Instant cutoff = clock.instant().minus(ttl);
    List<String> gone = new ArrayList<>();
    byHostId.forEach(
        (id, r) -> {
          if (r.lastSeen().isBefore(cutoff)) {
            gone.add(id);
          }
        });
    gone.forEach(byHostId::remove);
    if (!gone.isEmpty()) {
      expiredTotal += gone.size();
      logger.info("expired " + gone + " (not renewed within " + ttl + ")");
      try {
        persist();
      } catch (IOException e) {
        logger.log(Level.WARNING, "cannot persist " + file, e);
      }
    }
    return gone.size();
  }

  /** The current registrations, sorted by host id. */
  public synchronized List<Registration> list() {
    return byHostId.values().stream().sorted(Comparator.comparing(Registration::hostId)).toList();
  }

  public synchronized long expiredTotal() {
    return expiredTotal;
  }

  private void persist() throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Registration r : list()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("host_id", r.hostId());
      row.put("address", r.address());
      row.put("labels", r.labels());
      rows.add(row);
    }
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rows));
  }
}
