package io.hostwatch.alertwebhook.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable queue between the HTTP receiver and the delivery worker: one file per notification in
 * {@code <storage>/outbox}, written to a temporary name, fsync'd, renamed, and the directory
 * fsync'd, so that once {@link #append} returns the notification survives a crash or power loss.
 * That is when the receiver may answer 200 (issue 4). Undeliverable notifications move to {@code
 * <storage>/dead} with a {@code .reason} file next to them.
 *
 * <p>File format: one header line {@code <receiver>\t<received-at>} then the raw body.
 */
public final class Outbox {
  static final String SUFFIX = ".json";
  private static final String TMP_PREFIX = ".tmp-";
  private final Path dir;
  private final Path deadDir;
  private final AtomicLong sequence = new AtomicLong();
  private final String instance;
  private final GroupSync directorySync;

  public Outbox(Path storage) throws IOException {
    this.dir = storage.resolve("outbox");
    this.deadDir = storage.resolve("dead");
    Files.createDirectories(dir);
    Files.createDirectories(deadDir);
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    // Names sort by arrival; the random part keeps names unique across restarts.
    this.instance = HexFormat.of().formatHex(random);
    cleanTemporaries();
    this.directorySync = new GroupSync(() -> fsyncDirectory(dir));
  }

  public Path directory() {
    return dir;
  }

  public Path deadDirectory() {
    return deadDir;
  }

  /** Writes the notification durably; returns only after file and directory are fsync'd. */
  public OutboxEntry append(String receiverPath, byte[] body, Instant receivedAt)
      throws IOException {
    String id =
        String.format(
            "%013d-%s-%08d", receivedAt.toEpochMilli(), instance, sequence.incrementAndGet());
    Path tmp = dir.resolve(TMP_PREFIX + id);
    Path target = dir.resolve(id + SUFFIX);
    byte[] header =
        (sanitize(receiverPath) + "\t" + receivedAt + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeFully(ch, ByteBuffer.wrap(header));
      writeFully(ch, ByteBuffer.wrap(body));
      ch.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    directorySync.sync();
    return new OutboxEntry(target, receiverPath, receivedAt, body);
  }

  /** Pending entries, oldest first. */
  public List<Path> pending() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      s.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  /** How many notifications wait; -1 when the directory cannot be read. */
  public int depth() {
    try {
      return pending().size();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  public OutboxEntry read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int nl = 0;
    while (nl < all.length && all[nl] != '\n') {
      nl++;
    }
    String header = new String(all, 0, nl, StandardCharsets.UTF_8);
    int tab = header.indexOf('\t');
    if (nl >= all.length || tab < 0) {
      throw new IOException("corrupt outbox entry header in " + file.getFileName());
    }
    Instant received;
    try {
      received = Instant.parse(header.substring(tab + 1));
    } catch (RuntimeException e) {
      throw new IOException("corrupt outbox entry time in " + file.getFileName(), e);
    }
    byte[] body = java.util.Arrays.copyOfRange(all, nl + 1, all.length);
    return new OutboxEntry(file, header.substring(0, tab), received, body);
  }

  /**
   * Removes a delivered entry (idempotent: it may already be gone after a crash). Not fsync'd: a
   * delete lost in a crash brings the file back, and the dedup record, fsync'd before this call,
   * drops it then.
   */
  public void remove(Path file) throws IOException {
    try {
      Files.delete(file);
    } catch (NoSuchFileException e) {
      // already gone
    }
  }

  /** Moves an entry to the dead-letter folder with the reason beside it. */
  public void deadLetter(Path file, String reason) throws IOException {
    String name = file.getFileName().toString();
    Path reasonFile = deadDir.resolve(name + ".reason");
    Path tmp = deadDir.resolve(TMP_PREFIX + name + ".reason");
    Files.writeString(tmp, reason + "\n", StandardCharsets.UTF_8);
    Files.move(
        tmp, reasonFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.move(file, deadDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(deadDir);
    fsyncDirectory(dir);
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

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** Makes a rename or delete durable: POSIX needs the directory itself fsync'd. */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
