package io.hostwatch.alertwebhook.spool;

import io.hostwatch.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which notifications were sent recently, persisted in {@code <storage>/dedup.log} so a restart
 * does not forget them. Each line is {@code S <key> <millis>} (about to send) or {@code D <key>
 * <millis>} (SMTP accepted it), appended and fsync'd. Entries older than the window are dropped
 * when the store is opened (the log is rewritten then).
 *
 * <p>The {@code S} record marks the crash window: if the process dies after the SMTP server
 * accepted a message but before {@code D} reached the disk, the notification is still in the outbox
 * and is sent again on restart (at-least-once beats losing an alert). The store then reports it as
 * {@link #wasInFlight}, and the resend carries the same Message-ID, so mail systems that collapse
 * duplicate Message-IDs (Gmail, many list servers) show it once.
 */
public final class DedupStore implements AutoCloseable {
  private record Mark(boolean delivered, long millis) {}

  private final Path file;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Mark> marks = new HashMap<>();

  /** Keys a previous run started to send and never confirmed: the crash window. */
  private final Set<String> inFlightAtStart = new HashSet<>();

  private FileChannel log;

  public DedupStore(Path storage, Duration window, Clock clock) throws IOException {
    this.file = storage.resolve("dedup.log");
    this.window = window;
    this.clock = clock;
    load();
    compact();
    marks.forEach(
        (key, mark) -> {
          if (!mark.delivered()) {
            inFlightAtStart.add(key);
          }
        });
    log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** True when a notification with this key was sent within the window. */
  public synchronized boolean isDelivered(String key) {
    Mark m = marks.get(key);
    return m != null && m.delivered() && fresh(m.millis());
  }

  /**
   * True, once, when a previous run started sending this key and never confirmed it (it stopped in
   * between); retries within this run do not count.
   */
  public synchronized boolean wasInFlight(String key) {
    return inFlightAtStart.remove(key);
  }

  /**
   * Notes that a send starts. Not fsync'd: the mark only tells a later run that it may be
   * resending; the {@code D} mark's fsync makes it durable too, since the log is written in order.
   */
  public synchronized void markSending(String key) throws IOException {
    if (!marks.containsKey(key)) {
      append("S", key, false);
    }
  }

  /** Records a successful send, fsync'd before the outbox entry is removed. */
  public synchronized void markDelivered(String key) throws IOException {
    append("D", key, true);
  }

  private void append(String kind, String key, boolean force) throws IOException {
    long now = clock.millis();
    byte[] line = (kind + " " + key + " " + now + "\n").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      log.write(buf);
    }
    if (force) {
      log.force(false);
    }
    marks.put(key, new Mark(kind.equals("D"), now));
  }

  private boolean fresh(long millis) {
    return clock.millis() - millis <= window.toMillis();
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length != 3 || !(f[0].equals("S") || f[0].equals("D"))) {
        continue; // a torn last line after a crash
      }
      try {
        Mark previous = marks.get(f[1]);
        boolean delivered = f[0].equals("D") || (previous != null && previous.delivered());
        marks.put(f[1], new Mark(delivered, Long.parseLong(f[2])));
      } catch (NumberFormatException e) {
        // torn line
      }
    }
  }

  /** Rewrites the log with only the entries still inside the window (temp file, then rename). */
  private void compact() throws IOException {
    marks.entrySet().removeIf(e -> !fresh(e.getValue().millis()));
    StringBuilder sb = new StringBuilder();
    marks.forEach(
        (k, m) ->
            sb.append(m.delivered() ? "D " : "S ")
                .append(k)
                .append(' ')
                .append(m.millis())
                .append('\n'));
    AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** Drops expired entries from memory; the file is compacted on the next start. */
  public synchronized void expire() {
    marks.entrySet().removeIf(e -> !fresh(e.getValue().millis()));
  }

  @Override
  public synchronized void close() throws IOException {
    log.close();
  }
}
