package io.hostwatch.alertwebhook.spool;

import io.hostwatch.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The durable queue between the HTTP receiver and the delivery worker. Notifications are appended
 * to a {@link Journal} in {@code <storage>/outbox}, and {@link #append} returns only once the
 * record is fdatasync'd: that is when the receiver may answer 200. Concurrent requests share one
 * fdatasync.
 *
 * <p>Which notifications are finished (delivered, dropped as duplicates, dead-lettered) is noted in
 * {@code <segment>.done} next to each segment, without an fsync: a note lost in a crash brings the
 * notification back, and the dedup log, fsync'd before the note, drops it then. A segment is
 * deleted once all of its notifications are finished. Undeliverable notifications are written to
 * {@code <storage>/dead} with a {@code .reason} file next to them.
 *
 * <p>Record payload: one header line {@code <id>\t<receiver>\t<received-at>} then the raw body.
 * Earlier versions kept one {@code <id>.json} file per notification; those are moved into the
 * journal on start.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(Outbox.class.getName());

  /** Segments are sealed past this size; small enough to be deleted soon after an outage. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  static final String LEGACY_SUFFIX = ".json";
  static final String DONE_SUFFIX = ".done";
  private static final String TMP_PREFIX = ".tmp-";

  private final Path dir;
  private final Path deadDir;
  private final Journal journal;
  private final AtomicLong sequence = new AtomicLong();
  private final String instance;

  /** Unfinished notifications by id; ids sort by arrival. */
  private final ConcurrentSkipListMap<String, Journal.Location> pending =
      new ConcurrentSkipListMap<>();

  /** Unfinished notifications per segment, to know when a segment can go. */
  private final Map<Long, Integer> unfinished = new HashMap<>(); // guarded by itself

  public Outbox(Path storage) throws IOException {
    this(storage, DEFAULT_SEGMENT_BYTES);
  }

  public Outbox(Path storage, long segmentBytes) throws IOException {
    this.dir = storage.resolve("outbox");
    this.deadDir = storage.resolve("dead");
    Files.createDirectories(dir);
    Files.createDirectories(deadDir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    // Ids sort by arrival; the random part keeps them unique across restarts.
    this.instance = HexFormat.of().formatHex(random);
    cleanTemporaries();
    long last = recover();
    this.journal = new Journal(dir, last + 1, segmentBytes);
    importLegacyFiles();
    collectFinishedSegments();
  }

  public Path directory() {
    return dir;
  }

  public Path deadDirectory() {
    return deadDir;
  }

  /** Writes the notification durably; returns only once it is fdatasync'd. */
  public OutboxEntry append(String receiverPath, byte[] body, Instant receivedAt)
      throws IOException {
    String id =
        String.format(
            "%013d-%s-%08d", receivedAt.toEpochMilli(), instance, sequence.incrementAndGet());
    return append(id, receiverPath, body, receivedAt);
  }

  private OutboxEntry append(String id, String receiverPath, byte[] body, Instant receivedAt)
      throws IOException {
    String receiver = sanitize(receiverPath);
    byte[] header =
        (id + "\t" + receiver + "\t" + receivedAt + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] payload = concat(header, body);
    Journal.Location[] written = new Journal.Location[1];
    try {
      journal.append(
          payload,
          location -> {
            written[0] = location;
            track(id, location);
          });
    } catch (IOException e) {
      // Not acknowledged, so the sender retries. Had the record reached the disk after all, a
      // restart would deliver it once more, and the dedup log would drop the copy.
      if (written[0] != null) {
        untrack(id, written[0]);
      }
      throw e;
    }
    return new OutboxEntry(id, receiver, receivedAt, body);
  }

  /** Ids of the unfinished notifications, oldest first. */
  public List<String> pending() {
    return new ArrayList<>(pending.keySet());
  }

  /** How many notifications wait. */
  public int depth() {
    return pending.size();
  }

  public OutboxEntry read(String id) throws IOException {
    Journal.Location location = pending.get(id);
    if (location == null) {
      throw new IOException("no unfinished notification " + id + " in the outbox");
    }
    return parse(journal.read(location), location);
  }

  /**
   * Marks a notification finished (idempotent). Not fsync'd: a note lost in a crash brings the
   * notification back, and the dedup record, fsync'd before this call, drops it then.
   */
  public void remove(String id) throws IOException {
    Journal.Location location = pending.get(id);
    if (location == null) {
      return;
    }
    Files.write(
        doneFile(location.segment()),
        (id + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    pending.remove(id);
    boolean segmentFinished;
    synchronized (unfinished) {
      segmentFinished = unfinished.merge(location.segment(), -1, Integer::sum) <= 0;
    }
    if (segmentFinished) {
      collectFinishedSegments();
    }
  }

  /** Writes the notification and the reason to the dead-letter folder, then finishes it. */
  public void deadLetter(String id, String reason) throws IOException {
    Journal.Location location = pending.get(id);
    if (location != null) {
      try {
        OutboxEntry entry = parse(journal.read(location), location);
        byte[] header =
            (entry.receiverPath() + "\t" + entry.receivedAt() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(deadDir.resolve(id + LEGACY_SUFFIX), concat(header, entry.body()));
      } catch (IOException e) {
        reason = reason + " (the notification itself could not be read: " + e.getMessage() + ")";
      }
    }
    AtomicFiles.write(
        deadDir.resolve(id + LEGACY_SUFFIX + ".reason"),
        (reason + "\n").getBytes(StandardCharsets.UTF_8));
    fsyncDirectory(deadDir);
    remove(id);
  }

  @Override
  public void close() {
    journal.close();
  }

  private void track(String id, Journal.Location location) {
    pending.put(id, location);
    synchronized (unfinished) {
      unfinished.merge(location.segment(), 1, Integer::sum);
    }
  }

  private void untrack(String id, Journal.Location location) {
    pending.remove(id);
    synchronized (unfinished) {
      unfinished.merge(location.segment(), -1, Integer::sum);
    }
  }

  /** Loads every segment's unfinished records; returns the highest segment number, or 0. */
  private long recover() throws IOException {
    TreeMap<Long, Path> segments = new TreeMap<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + Journal.SUFFIX)) {
      for (Path p : s) {
        long number = Journal.segmentNumber(p);
        if (number >= 0) {
          segments.put(number, p);
        }
      }
    }
    for (Map.Entry<Long, Path> segment : segments.entrySet()) {
      long number = segment.getKey();
      Set<String> done = readDone(number);
      synchronized (unfinished) {
        unfinished.put(number, 0);
      }
      boolean intact =
          Journal.scan(
              segment.getValue(),
              number,
              (location, payload) -> {
                String id = idOf(payload);
                if (id != null && !done.contains(id)) {
                  track(id, location);
                }
              });
      if (!intact) {
        logger.warning(
            "outbox segment "
                + segment.getValue().getFileName()
                + " ends in a torn record (a crash while writing); it was never acknowledged");
      }
    }
    return segments.isEmpty() ? 0 : segments.lastKey();
  }

  /** Moves the one-file-per-notification outbox of earlier versions into the journal. */
  private void importLegacyFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + LEGACY_SUFFIX)) {
      s.forEach(files::add);
    }
    files.sort(null);
    for (Path file : files) {
      byte[] all = Files.readAllBytes(file);
      int nl = 0;
      while (nl < all.length && all[nl] != '\n') {
        nl++;
      }
      String header = new String(all, 0, Math.min(nl, all.length), StandardCharsets.UTF_8);
      int tab = header.indexOf('\t');
      String name = file.getFileName().toString();
      String id = name.substring(0, name.length() - LEGACY_SUFFIX.length());
      Instant received;
      try {
        received = Instant.parse(header.substring(tab + 1));
      } catch (RuntimeException e) {
        received = Files.getLastModifiedTime(file).toInstant();
      }
      if (nl >= all.length || tab < 0) {
        logger.warning("outbox file " + name + " has no header; moved to the dead letters");
        Files.move(file, deadDir.resolve(name));
        continue;
      }
      append(id, header.substring(0, tab), Arrays.copyOfRange(all, nl + 1, all.length), received);
      Files.delete(file);
    }
    if (!files.isEmpty()) {
      logger.info("moved " + files.size() + " notifications from outbox files into the journal");
    }
  }

  /** Deletes sealed segments whose notifications are all finished, with their done notes. */
  private void collectFinishedSegments() {
    long current = journal.currentSegment();
    List<Long> finished = new ArrayList<>();
    synchronized (unfinished) {
      unfinished
          .entrySet()
          .removeIf(
              e -> {
                boolean gone = e.getValue() <= 0 && e.getKey() != current;
                if (gone) {
                  finished.add(e.getKey());
                }
                return gone;
              });
    }
    for (long number : finished) {
      try {
        Files.deleteIfExists(Journal.segmentFile(dir, number));
        Files.deleteIfExists(doneFile(number));
      } catch (IOException e) {
        logger.warning("could not delete finished outbox segment " + number + ": " + e);
      }
    }
  }

  private Set<String> readDone(long segment) throws IOException {
    Path file = doneFile(segment);
    if (!Files.exists(file)) {
      return Set.of();
    }
    return new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  private Path doneFile(long segment) {
    return dir.resolve(String.format("%020d%s", segment, DONE_SUFFIX));
  }

  private static byte[] concat(byte[] header, byte[] body) {
    byte[] out = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  private static String idOf(byte[] payload) {
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] == '\t') {
        return new String(payload, 0, i, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static OutboxEntry parse(byte[] payload, Journal.Location location) throws IOException {
    int nl = 0;
    while (nl < payload.length && payload[nl] != '\n') {
      nl++;
    }
    String[] header = new String(payload, 0, nl, StandardCharsets.UTF_8).split("\t", -1);
    if (nl >= payload.length || header.length != 3) {
      throw new IOException("corrupt outbox record header in segment " + location.segment());
    }
    Instant received;
    try {
      received = Instant.parse(header[2]);
    } catch (RuntimeException e) {
      throw new IOException("corrupt outbox record time in segment " + location.segment(), e);
    }
    return new OutboxEntry(
        header[0], header[1], received, Arrays.copyOfRange(payload, nl + 1, payload.length));
  }

  private void cleanTemporaries() throws IOException {
    for (Path d : List.of(dir, deadDir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(d, TMP_PREFIX + "*")) {
        for (Path p : s) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String sanitize(String receiverPath) {
    return receiverPath.replaceAll("[\\t\\r\\n]", "_");
  }

  /** Makes a rename or delete durable: POSIX needs the directory itself fsync'd. */
  static void fsyncDirectory(Path dir) throws IOException {
    AtomicFiles.fsyncDirectory(dir);
  }
}
