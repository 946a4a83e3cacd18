package io.hostwatch.registry.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registered exporters, keyed by host id, kept in memory and persisted through a {@link
 * RegistrationLog} under the storage folder (one appended line per change, compacted from time to
 * time). Each host id belongs to whoever registered it first; the number of hosts is capped.
 *
 * <p>Entries not renewed within the TTL are dropped. After a restart every loaded entry gets one
 * full TTL of grace: the registry being down says nothing about the hosts.
 */
public final class TargetStore implements Closeable {
  private static final Logger logger = Logger.getLogger(TargetStore.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Superseded log lines allowed beyond the live ones before the log is compacted. */
  static final int COMPACT_SLACK = 1000;

  /** What became of a registration. */
  public enum Outcome {
    /** Added, or its address, labels or owner changed: one line appended. */
    CHANGED,
    /** The same as before: only the renewal time moved, nothing written. */
    RENEWED,
    /** The host id belongs to another principal: nothing changed. */
    NOT_OWNER,
    /** A new host id while the store holds its maximum: nothing changed. */
    FULL
  }

  private final RegistrationLog log;
  private final Duration ttl;
  private final Clock clock;
  private final int maxTargets;
  private final Map<String, Registration> byHostId = new TreeMap<>();
  private volatile byte[] targetsJson;
  private long expiredTotal;

  public TargetStore(Path dir, Duration ttl, Clock clock, int maxTargets) {
    this.log = new RegistrationLog(dir);
    this.ttl = ttl;
    this.clock = clock;
    this.maxTargets = maxTargets;
  }

  /** Loads what is on disk (see {@link RegistrationLog#open}). */
  public synchronized void load() throws IOException {
    Instant now = clock.instant();
    for (RegistrationLog.Entry e : log.open().values()) {
      if (Registration.validate(e.hostId(), e.address(), e.labels()) == null) {
        byHostId.put(
            e.hostId(), new Registration(e.hostId(), e.address(), e.labels(), e.owner(), now));
      }
    }
    targetsJson = null;
    logger.info("loaded " + byHostId.size() + " targets");
  }

  /** Adds or renews a registration on behalf of {@code principal}. */
  public synchronized Outcome register(
      String hostId, String address, Map<String, String> labels, String principal)
      throws IOException {
    Registration before = byHostId.get(hostId);
    if (before != null && !before.ownedBy(principal)) {
      return Outcome.NOT_OWNER;
    }
    if (before == null && byHostId.size() >= maxTargets) {
      return Outcome.FULL;
    }
    Registration after = new Registration(hostId, address, labels, principal, clock.instant());
    if (before != null
        && before.address().equals(address)
        && before.labels().equals(after.labels())
        && Objects.equals(principal, before.owner())) {
      byHostId.put(hostId, after);
      return Outcome.RENEWED;
    }
    log.append(new RegistrationLog.Entry(hostId, address, after.labels(), principal));
    byHostId.put(hostId, after);
    targetsJson = null;
    logger.info("registered " + hostId + " at " + address + " for " + principal);
    compactIfDue();
    return Outcome.CHANGED;
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
    for (String id : gone) {
      try {
        log.append(new RegistrationLog.Entry(id, null, Map.of(), null));
      } catch (IOException e) {
        // Kept on disk then: a restart brings it back for one more TTL, which is harmless.
        logger.log(Level.WARNING, "cannot persist the expiry of " + id, e);
      }
      byHostId.remove(id);
    }
    if (!gone.isEmpty()) {
      expiredTotal += gone.size();
      targetsJson = null;
      logger.info("expired " + gone + " (not renewed within " + ttl + ")");
      compactIfDue();
    }
    return gone.size();
  }

  /** The current registrations, sorted by host id. */
  public synchronized List<Registration> list() {
    return List.copyOf(byHostId.values());
  }

  public synchronized int size() {
    return byHostId.size();
  }

  public synchronized long expiredTotal() {
    return expiredTotal;
  }

  /**
   * The targets in http_sd's format, one group per host with its labels and {@code host_id}:
   * serialized once after a change and shared by every request until the next one.
   */
  public byte[] targetsJson() throws IOException {
    byte[] cached = targetsJson;
    if (cached != null) {
      return cached;
    }
    synchronized (this) {
      if (targetsJson == null) {
        List<Map<String, Object>> groups = new ArrayList<>(byHostId.size());
        for (Registration r : byHostId.values()) {
          Map<String, String> labels = new LinkedHashMap<>(r.labels());
          labels.put("host_id", r.hostId());
          Map<String, Object> group = new LinkedHashMap<>();
          group.put("targets", List.of(r.address()));
          group.put("labels", labels);
          groups.add(group);
        }
        targetsJson = JSON.writeValueAsBytes(groups);
      }
      return targetsJson;
    }
  }

  private void compactIfDue() {
    if (log.lines() <= 2L * byHostId.size() + COMPACT_SLACK) {
      return;
    }
    List<RegistrationLog.Entry> live = new ArrayList<>(byHostId.size());
    for (Registration r : byHostId.values()) {
      live.add(new RegistrationLog.Entry(r.hostId(), r.address(), r.labels(), r.owner()));
    }
    try {
      log.compact(live);
    } catch (IOException e) {
      // The log is still whole and appended to; compaction is tried again after the next change.
      logger.log(Level.WARNING, "cannot compact " + RegistrationLog.FILE, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    log.close();
  }
}
