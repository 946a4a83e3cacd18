package io.hostwatch.alertwebhook.spool;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * Append-only segment files ({@code <number>.log}) with group commit: each record is written at the
 * end of the current segment, then one fdatasync covers every record written before it started. A
 * lone caller pays one fdatasync; concurrent callers share one, the way Prometheus' WAL and Kafka's
 * log do, instead of one file, one fsync and one directory fsync per record.
 *
 * <p>Record: payload length (4 bytes, big-endian), CRC32 of the payload (4 bytes), payload. A
 * record cut short by a crash or a failed write fails its length or CRC check, and reading the
 * segment stops there; no record after it was ever acknowledged, because a segment is abandoned on
 * the first failed write and a new run always starts a new segment.
 */
final class Journal implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(Journal.class.getName());
  static final String SUFFIX = ".log";
  private static final int HEADER_BYTES = 8;

  /** Where a record's payload is. */
  record Location(long segment, long offset, int length) {}

  /** Receives the records of a segment in order while it is scanned. */
  @FunctionalInterface
  interface RecordVisitor {
    void visit(Location location, byte[] payload) throws IOException;
  }

  /** One segment being written; sealed when the journal moves on. */
  private static final class Segment {
    final long number;
    final FileChannel channel;
    final GroupSync sync;
    boolean sealed; // guarded by this
    IOException sealFailure; // guarded by this

    Segment(long number, FileChannel channel) {
      this.number = number;
      this.channel = channel;
      this.sync = new GroupSync(this::force);
    }

    /** Makes what was written durable; once sealed, only reports whether sealing managed it. */
    synchronized void force() throws IOException {
      if (sealed) {
        if (sealFailure != null) {
          throw new IOException("journal segment " + number + " could not be synced", sealFailure);
        }
        return;
      }
      channel.force(false);
    }

    /** Syncs and closes; records written so far count as durable only if the sync worked. */
    synchronized void seal() {
      if (sealed) {
        return;
      }
      sealed = true;
      try {
        channel.force(false);
      } catch (IOException e) {
        sealFailure = e;
      }
      try {
        channel.close();
      } catch (IOException e) {
        logger.fine(() -> "closing journal segment " + number + ": " + e);
      }
    }
  }

  private final Path dir;
  private final long segmentBytes;
  private final Object writeLock = new Object();
  private Segment current; // guarded by writeLock; null until the first append or after a failure
  private long position; // guarded by writeLock
  private long nextSegment; // guarded by writeLock

  /**
   * @param firstSegment the number the next segment gets: higher than any existing one
   * @param segmentBytes a segment is sealed once it would grow past this
   */
  Journal(Path dir, long firstSegment, long segmentBytes) {
    this.dir = dir;
    this.nextSegment = firstSegment;
    this.segmentBytes = segmentBytes;
  }

  static Path segmentFile(Path dir, long number) {
    return dir.resolve(String.format("%020d%s", number, SUFFIX));
  }

  /** The number in a segment's file name, or -1 when the name is not a segment's. */
  static long segmentNumber(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Appends a record and returns once it is on disk. {@code onWritten} runs while no other record
   * can be written, before the sync: the caller can index the record before the segment can be
   * sealed behind it.
   */
  Location append(byte[] payload, Consumer<Location> onWritten) throws IOException {
    Segment segment;
    Location location;
    synchronized (writeLock) {
      if (current == null
          || (position > 0 && position + HEADER_BYTES + payload.length > segmentBytes)) {
        rotate();
      }
      segment = current;
      CRC32 crc = new CRC32();
      crc.update(payload);
      ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
      buf.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
      try {
        long at = position;
        while (buf.hasRemaining()) {
          at += segment.channel.write(buf, at);
        }
      } catch (IOException e) {
        // The tail may hold part of this record: nothing may follow it in this segment.
        abandon();
        throw e;
      }
      location = new Location(segment.number, position + HEADER_BYTES, payload.length);
      position += HEADER_BYTES + payload.length;
      onWritten.accept(location);
    }
    segment.sync.sync();
    return location;
  }

  /** The segment being written, or -1 before the first append. */
  long currentSegment() {
    synchronized (writeLock) {
      return current == null ? -1 : current.number;
    }
  }

  /** Reads one record's payload. */
  byte[] read(Location location) throws IOException {
    try (FileChannel ch =
        FileChannel.open(segmentFile(dir, location.segment()), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(location.length());
      long at = location.offset();
      while (buf.hasRemaining()) {
        int n = ch.read(buf, at);
        if (n < 0) {
          throw new EOFException("journal segment " + location.segment() + " is cut short");
        }
        at += n;
      }
      return buf.array();
    }
  }

  /**
   * Visits every intact record of a segment file in order, stopping at the first torn one. Returns
   * false when it stopped before the end of the file.
   */
  static boolean scan(Path file, long number, RecordVisitor visitor) throws IOException {
    long size = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      long offset = 0;
      while (offset < size) {
        if (size - offset < HEADER_BYTES) {
          return false;
        }
        int length = in.readInt();
        int crc = in.readInt();
        if (length < 0 || length > size - offset - HEADER_BYTES) {
          return false;
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        CRC32 check = new CRC32();
        check.update(payload);
        if ((int) check.getValue() != crc) {
          return false;
        }
        visitor.visit(new Location(number, offset + HEADER_BYTES, length), payload);
        offset += HEADER_BYTES + length;
      }
      return true;
    }
  }

  /** Seals the current segment and starts the next one (its name made durable in the folder). */
  private void rotate() throws IOException {
    if (current != null) {
      current.seal();
      current = null;
    }
    long number = nextSegment++;
    FileChannel channel =
        FileChannel.open(
            segmentFile(dir, number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Outbox.fsyncDirectory(dir);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    current = new Segment(number, channel);
    position = 0;
  }

  private void abandon() {
    if (current != null) {
      current.seal();
      current = null;
    }
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      abandon();
    }
  }
}
