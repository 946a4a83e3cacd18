package io.hostwatch.exporter.host;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a /proc or /sys file whole, into a buffer each thread keeps. A scrape reads a few hundred
 * such files, most under a hundred bytes; a fresh buffer per file made them most of the exporter's
 * garbage, and that garbage its collection pauses.
 */
final class ProcFiles {
  /** node_exporter's first read is as large; a numeric sysctl must be read in one go. */
  private static final int CHUNK = 8192;

  /** Above this a grown buffer is not kept: one huge file must not stay in memory. */
  private static final int KEPT = 1 << 20;

  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[4 * CHUNK]);

  private ProcFiles() {}

  /**
   * The file's text. Reads in 8 KB steps, never at a position the file's size suggests: every /proc
   * file says it is empty, and a numeric sysctl ({@code /proc/sys/fs/file-nr}) answers a read at a
   * non-zero offset with end-of-file, so the first read must take it all.
   */
  static String read(Path p) throws IOException {
    return read(p, Integer.MAX_VALUE);
  }

  /** At most {@code maxBytes} of the file, as node_exporter reads a sysfs attribute. */
  static String read(Path p, int maxBytes) throws IOException {
    Filled f = fill(p, maxBytes);
    return new String(f.buf(), 0, f.length(), StandardCharsets.UTF_8);
  }

  /** At most {@code maxBytes} of the file, undecoded, for a reader with its own decoding. */
  static byte[] readBytes(Path p, int maxBytes) throws IOException {
    Filled f = fill(p, maxBytes);
    return Arrays.copyOf(f.buf(), f.length());
  }

  /**
   * A directory's entries in name order, as Go's {@code os.ReadDir} lists them (sysfs classes,
   * hwmon chips): node_exporter's series come in that order, and so do ours.
   */
  static List<Path> sortedEntries(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    entries.sort(null);
    return entries;
  }

  /** The buffer the file was read into (a grown one may not be the kept one) and its length. */
  private record Filled(byte[] buf, int length) {}

  private static Filled fill(Path p, int maxBytes) throws IOException {
    byte[] buf = BUFFER.get();
    int len = 0;
    try (FileInputStream in = open(p)) {
      while (len < maxBytes) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
          if (buf.length <= KEPT) {
            BUFFER.set(buf);
          }
        }
        int n = in.read(buf, len, Math.min(Math.min(CHUNK, buf.length - len), maxBytes - len));
        if (n < 0) {
          break;
        }
        len += n;
      }
    }
    return new Filled(buf, len);
  }

  /**
   * Opens with java.io, which reads into the array without a channel's buffers; its one exception
   * for every failure is swapped for java.nio's precise one ({@code NoSuchFileException}, {@code
   * AccessDeniedException}), which callers tell apart.
   */
  private static FileInputStream open(Path p) throws IOException {
    try {
      return new FileInputStream(p.toFile());
    } catch (FileNotFoundException e) {
      Files.newInputStream(p).close();
      throw e;
    }
  }
}
