package io.hostwatch.registry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hostwatch.common.io.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * The registrations on disk as an append-only log, {@code registrations.log}: one line per change,
 * {@code <crc32> <json>}, fsync'd before the change is acknowledged, so a change costs one short
 * write however many hosts there are. {@link #compact} rewrites the log as one line per live entry
 * (temp file, fsync, rename, fsync of the folder); the store calls it once the log holds more
 * superseded lines than live ones, which keeps both the file and the amortized cost bounded.
 *
 * <p>A crash can leave at most a torn last line; its checksum fails and loading stops there.
 * Opening also removes temp files a crash left, and imports {@code targets.json}, the layout of
 * earlier versions, once.
 */
final class RegistrationLog implements Closeable {
  static final String FILE = "registrations.log";
  static final String LEGACY_FILE = "targets.json";
  private static final Logger logger = Logger.getLogger(RegistrationLog.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line: a registration put (address and labels set) or, with address null, deleted. */
  record Entry(String hostId, String address, Map<String, String> labels, String owner) {
    boolean deleted() {
      return address == null;
    }
  }

  private final Path dir;
  private final Path file;
  private FileChannel channel;
  private long lines;

  RegistrationLog(Path dir) {
    this.dir = dir;
    this.file = dir.resolve(FILE);
  }

  /** Lines in the log, live or superseded. */
  long lines() {
    return lines;
  }

  /**
   * Removes stale temp files, reads the log (or imports the legacy file), and compacts it, which
   * also drops a torn last line.
   *
   * @return the live entries, by host id
   */
  Map<String, Entry> open() throws IOException {
    Files.createDirectories(dir);
    removeStaleTempFiles();
    Map<String, Entry> live = new LinkedHashMap<>();
    Path legacy = dir.resolve(LEGACY_FILE);
    boolean importing = !Files.exists(file) && Files.exists(legacy);
    if (importing) {
      for (Entry e : readLegacy(legacy)) {
        live.put(e.hostId(), e);
      }
    } else if (Files.exists(file)) {
      for (Entry e : read(Files.readAllBytes(file))) {
        if (e.deleted()) {
          live.remove(e.hostId());
        } else {
          live.put(e.hostId(), e);
        }
      }
    }
    compact(live.values());
    if (importing) {
      Files.move(
          legacy, dir.resolve(LEGACY_FILE + ".imported"), StandardCopyOption.REPLACE_EXISTING);
      logger.info("imported " + live.size() + " targets from " + legacy);
    }
    return live;
  }

  /** Appends one change and fsyncs it; on failure the log is as before. */
  void append(Entry e) throws IOException {
    long size = channel.size();
    try {
      ByteBuffer buf = ByteBuffer.wrap(line(e));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException ex) {
      channel.truncate(size); // no half line for the next append to follow
      throw ex;
    }
    lines++;
  }

  /** Replaces the log with one line per live entry, atomically. */
  void compact(Collection<Entry> live) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (Entry e : live) {
      bytes.write(line(e));
    }
    AtomicFiles.write(file, bytes.toByteArray());
    if (channel != null) {
      channel.close();
    }
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    lines = live.size();
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /** The entries of a log's bytes, up to the first line that is torn or fails its checksum. */
  static List<Entry> read(byte[] bytes) {
    List<Entry> out = new ArrayList<>();
    int start = 0;
    while (start < bytes.length) {
      int nl = indexOf(bytes, (byte) '\n', start);
      Entry e = nl < 0 ? null : parse(new String(bytes, start, nl - start, StandardCharsets.UTF_8));
      if (e == null) {
        logger.warning(
            "ignoring "
                + (bytes.length - start)
                + " bytes at the end of "
                + FILE
                + " from offset "
                + start
                + " (a write torn by a crash)");
        break;
      }
      out.add(e);
      start = nl + 1;
    }
    return out;
  }

  static byte[] line(Entry e) throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("host_id", e.hostId());
    if (!e.deleted()) {
      row.put("address", e.address());
      row.put("labels", e.labels());
      row.put("owner", e.owner());
    }
    String json = JSON.writeValueAsString(row);
    return (crc(json) + " " + json + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static Entry parse(String line) {
    int space = line.indexOf(' ');
    if (space != 8 || !line.substring(0, 8).equals(crc(line.substring(9)))) {
      return null;
    }
    try {
      Map<String, Object> row = JSON.readValue(line.substring(9), new TypeReference<>() {});
      return toEntry(row);
    } catch (IOException | ClassCastException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static Entry toEntry(Map<String, Object> row) {
    String hostId = (String) row.get("host_id");
    String address = (String) row.get("address");
    Map<String, String> labels = (Map<String, String>) row.getOrDefault("labels", Map.of());
    if (hostId == null) {
      return null;
    }
    return new Entry(
        hostId, address, labels == null ? Map.of() : labels, (String) row.get("owner"));
  }

  private static List<Entry> readLegacy(Path legacy) throws IOException {
    List<Map<String, Object>> rows = JSON.readValue(legacy.toFile(), new TypeReference<>() {});
    List<Entry> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Entry e = toEntry(row);
      if (e != null && !e.deleted()) {
        out.add(new Entry(e.hostId(), e.address(), e.labels(), null)); // it kept no owners
      }
    }
    return out;
  }

  private void removeStaleTempFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.startsWith("." + FILE) || name.startsWith("." + LEGACY_FILE)) {
          Files.deleteIfExists(p);
          logger.info("removed " + p + ", left by an interrupted write");
        }
      }
    }
  }

  private static String crc(String json) {
    CRC32 crc = new CRC32();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
