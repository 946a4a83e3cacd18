package io.hostwatch.common.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a whole file or nothing: to a temp file in the same folder, fsync'd, renamed over the
 * target, and the folder fsync'd, so neither a crash, a power cut nor a full disk leaves half a
 * file (or an old one believed replaced) where a reader looks.
 */
public final class AtomicFiles {
  /** Writes a file's content; the writer is flushed and closed by {@link #write(Path, Body)}. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes}, creating its folder if needed. */
  public static void write(Path target, byte[] bytes) throws IOException {
    replace(
        target,
        ch -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) { // one write need not take it all
            ch.write(buffer);
          }
        });
  }

  /** Replaces {@code target} with the UTF-8 text {@code body} writes, streamed, not held. */
  public static void write(Path target, Body body) throws IOException {
    replace(
        target,
        ch -> {
          Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
          body.writeTo(out);
          out.flush(); // not closed: that would close the channel before it is forced
        });
  }

  /** Makes a rename or a new file in {@code dir} survive a power cut. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private interface Content {
    void writeTo(FileChannel ch) throws IOException;
  }

  private static void replace(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(ch);
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
