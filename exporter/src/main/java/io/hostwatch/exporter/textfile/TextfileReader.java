package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Reads every {@code *.prom} file of a directory, as node_exporter's textfile collector does: the
 * metrics of the good files, {@code node_textfile_mtime_seconds{file}} for each of them, and {@code
 * node_textfile_scrape_error} (1 when any file, or the directory, could not be read). A bad file is
 * skipped as a whole and its first problem logged with file and line; the others are still served.
 *
 * <pre>{@code
 * TextfileReader.Result r = new TextfileReader(Path.of("/var/lib/node_exporter")).read();
 * registry-facing code serves r.snapshots()
 * }</pre>
 *
 * <p>The same family may come from several files (its series then must not repeat and its type must
 * agree); a family without HELP gets node_exporter's "Metric read from a.prom, b.prom".
 */
public final class TextfileReader {
  static final String MTIME = "node_textfile_mtime_seconds";
  static final String SCRAPE_ERROR = "node_textfile_scrape_error";

  /**
   * Bounds that keep the exporter's 32 MB heap safe whatever lands in the folder, with six scrapes
   * at once: measured through the launcher, 1 MB of files holding 5,000 series survives, 1 MB with
   * 10,000 series or 2 MB with 5,000 do not. Files past them are refused before parsing.
   */
  static final int MAX_FILE_BYTES = 512 << 10;

  static final long MAX_TOTAL_BYTES = 1 << 20;
  static final int MAX_SAMPLES_PER_FILE = 2_500;
  static final int MAX_SAMPLES_TOTAL = 5_000;

  /** How long reading one file may take; a read past it is abandoned and the file reported. */
  static final long READ_DEADLINE_MILLIS = 2_000;

  /**
   * Names only this collector and the scrape coordinator define; what the other collectors produce
   * (hostwatch_host_info, cpu_usage_percent, node_cpu_seconds_total ...) is added per scrape.
   */
  private static final List<String> RESERVED_PREFIXES =
      List.of("node_textfile_", "node_scrape_collector_");

  /**
   * Reads happen here so that a file that blocks (swapped for a FIFO after it was checked) holds
   * only one of these threads, never the scrape; with all of them stuck, files are reported.
   */
  private static final ThreadPoolExecutor READERS =
      new ThreadPoolExecutor(
          0,
          4,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "textfile-reader");
            t.setDaemon(true);
            return t;
          });

  private static final Logger logger = Logger.getLogger(TextfileReader.class.getName());

  private final Path directory;

  /** Reads {@code directory}; null reads nothing (the collector is on but no directory is set). */
  public TextfileReader(Path directory) {
    this.directory = directory;
  }

  /** What one read found: the snapshots to serve, and the problems (already logged). */
  public record Result(MetricSnapshots snapshots, List<String> errors) {
    public boolean failed() {
      return !errors.isEmpty();
    }
  }

  /** A {@code *.prom} file as {@code stat} sees it: what tells us it has changed. */
  private record FileState(Path path, Object fileKey, FileTime modified, long size) {}

  /** The last result, the files it came from and the names that were reserved then. */
  private record Cached(List<FileState> files, Set<String> reserved, Result result) {}

  private volatile Cached last;

  /**
   * Reads the directory now; never throws. Files are parsed again only when one of them changed
   * (name, inode, mtime or size), since most scrapes find them as they were; a bad file is still
   * logged on every read, as node_exporter does.
   */
  public Result read() {
    return read(Set.of());
  }

  /**
   * As {@link #read()}; a file defining one of {@code othersNames} (what the exporter's other
   * collectors produce) or a name only the exporter defines is refused whole, naming the metric.
   */
  public Result read(Set<String> othersNames) {
    List<String> errors = new ArrayList<>();
    List<Path> files = promFiles(errors);
    List<FileState> state = errors.isEmpty() ? stat(files) : null;
    Cached cached = last;
    if (state != null
        && cached != null
        && cached.files().equals(state)
        && cached.reserved().equals(othersNames)) {
      cached.result().errors().forEach(logger::severe);
      return cached.result();
    }
    Result result = readAll(files, errors, othersNames);
    last = state == null ? null : new Cached(state, Set.copyOf(othersNames), result);
    return result;
  }

  private static List<FileState> stat(List<Path> files) {
    List<FileState> out = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        out.add(new FileState(file, a.fileKey(), a.lastModifiedTime(), a.size()));
      } catch (IOException e) {
        return null; // reported when the file is read
      }
    }
    return out;
  }

  private Result readAll(List<Path> files, List<String> errors, Set<String> othersNames) {
    Merged merged = new Merged();
    Map<String, Double> mtimes = new TreeMap<>();
    int samples = 0;
    long bytes = 0;
    for (Path file : files) {
      try {
        String text = readUtf8(file);
        bytes += text.length();
        if (bytes > MAX_TOTAL_BYTES) {
          throw new IOException(
              "the textfiles hold over " + MAX_TOTAL_BYTES + " bytes together; not read");
        }
        int lines = sampleLines(text);
        if (lines > MAX_SAMPLES_PER_FILE) {
          throw new IOException(
              lines + " samples, over the limit of " + MAX_SAMPLES_PER_FILE + " per file");
        }
        if (samples + lines > MAX_SAMPLES_TOTAL) {
          throw new IOException(
              "the textfiles hold over " + MAX_SAMPLES_TOTAL + " samples together; not read");
        }
        List<MetricFamily> families = TextfileParser.parseFamilies(text, file.toString());
        for (MetricFamily f : families) {
          String taken = reservedName(f, othersNames);
          if (taken != null) {
            throw new TextfileException(
                file.toString(),
                f.line(),
                1,
                "defines "
                    + taken
                    + ", which the exporter itself produces; the file is ignored (expected"
                    + " metric names of its own)");
          }
        }
        samples += lines;
        SnapshotConverter.convert(families); // the file's own data errors, before merging
        merged.add(families);
        // Only stat the file once it parsed, so that a failing file does not look fresh. Whole
        // seconds, as node_exporter 1.5 reports them.
        mtimes.put(file.toString(), (double) Files.getLastModifiedTime(file).to(TimeUnit.SECONDS));
      } catch (TextfileException e) {
        fail(errors, "failed to collect textfile data: " + e.getMessage());
      } catch (IOException e) {
        fail(errors, "failed to read textfile " + file + ": " + e);
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (MetricFamily f : merged.families()) {
      try {
        out.add(SnapshotConverter.convert(f));
      } catch (TextfileException e) {
        fail(errors, "failed to collect textfile data: " + e.getMessage());
      }
    }
    if (!mtimes.isEmpty()) {
      out.add(mtimeSnapshot(mtimes));
    }
    out.add(
        GaugeSnapshot.builder()
            .name(SCRAPE_ERROR)
            .help("1 if there was an error opening or reading a file, 0 otherwise")
            .dataPoint(GaugeDataPointSnapshot.builder().value(errors.isEmpty() ? 0 : 1).build())
            .build());
    return new Result(new MetricSnapshots(out), List.copyOf(errors));
  }

  private List<Path> promFiles(List<String> errors) {
    if (directory == null) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> p.getFileName().toString().endsWith(".prom")).sorted().toList();
    } catch (IOException e) {
      fail(errors, "failed to read textfile collector directory " + directory + ": " + e);
      return List.of();
    }
  }

  private static void fail(List<String> errors, String message) {
    logger.severe(message);
    errors.add(message);
  }

  /** The family's name, or its name with {@code _total}, when a reserved name; else null. */
  private static String reservedName(MetricFamily f, Set<String> othersNames) {
    String name = f.name();
    String base = name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
    for (String candidate : List.of(name, base)) {
      if (othersNames.contains(candidate)
          || RESERVED_PREFIXES.stream().anyMatch(candidate::startsWith)) {
        return name;
      }
    }
    return null;
  }

  /** Lines that are samples (not blank, not comments): what a file would make the heap hold. */
  private static int sampleLines(String text) {
    int count = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int i = start;
      while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
      if (i < end && text.charAt(i) != '#') {
        count++;
      }
      start = end + 1;
    }
    return count;
  }

  /**
   * The file's bytes, if it is one to read: a regular file (a symlink only when it resolves to a
   * regular file inside the folder), at most {@link #MAX_FILE_BYTES}, read within {@link
   * #READ_DEADLINE_MILLIS}. FIFOs, devices and sockets are never opened.
   */
  private byte[] readBounded(Path file) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Path target = file;
    if (a.isSymbolicLink()) {
      Path real = file.toRealPath();
      if (!real.startsWith(directory.toRealPath())) {
        throw new IOException("is a symlink to " + real + ", outside the textfile directory");
      }
      target = real;
      a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
    if (!a.isRegularFile()) {
      throw new IOException("is not a regular file (FIFOs, devices and sockets are not read)");
    }
    if (a.size() > MAX_FILE_BYTES) {
      throw new IOException(a.size() + " bytes, over the limit of " + MAX_FILE_BYTES);
    }
    Path checked = target;
    Future<byte[]> read;
    try {
      read =
          READERS.submit(
              () -> {
                try (InputStream in = Files.newInputStream(checked, LinkOption.NOFOLLOW_LINKS)) {
                  return in.readNBytes(MAX_FILE_BYTES + 1);
                }
              });
    } catch (RejectedExecutionException e) {
      throw new IOException("not read: every textfile reader is stuck on an earlier file");
    }
    byte[] bytes;
    try {
      bytes = read.get(READ_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      throw new IOException("not read within " + READ_DEADLINE_MILLIS + " ms; abandoned");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IOException("grew over the limit of " + MAX_FILE_BYTES + " bytes while read");
    }
    return bytes;
  }

  private String readUtf8(Path file) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(readBounded(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("not valid UTF-8", e);
    }
  }

  private static MetricSnapshot mtimeSnapshot(Map<String, Double> mtimes) {
    GaugeSnapshot.Builder b =
        GaugeSnapshot.builder().name(MTIME).help("Unixtime mtime of textfiles successfully read.");
    mtimes.forEach(
        (file, seconds) ->
            b.dataPoint(
                GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("file", file))
                    .value(seconds)
                    .build()));
    return b.build();
  }

  /** Families merged over files; a file is added whole or not at all. */
  private static final class Merged {
    private final Map<String, MetricFamily> byName = new LinkedHashMap<>();
    private final Map<String, List<String>> filesByName = new LinkedHashMap<>();
    private final Map<String, Sample> series = new LinkedHashMap<>();

    void add(List<MetricFamily> families) throws TextfileException {
      for (MetricFamily f : families) {
        check(f);
      }
      for (MetricFamily f : families) {
        String file = f.samples().get(0).file();
        filesByName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(file);
        f.samples().forEach(s -> series.put(s.seriesKey(), s));
        byName.merge(f.name(), f, Merged::join);
      }
    }

    private void check(MetricFamily f) throws TextfileException {
      MetricFamily seen = byName.get(f.name());
      if (seen != null && seen.type() != f.type()) {
        Sample at = f.samples().get(0);
        Sample there = seen.samples().get(0);
        throw new TextfileException(
            at.file(),
            f.line(),
            1,
            String.format(
                "metric %s is a %s here but a %s in %s:%d",
                f.name(), f.type().spelling(), seen.type().spelling(), there.file(), there.line()));
      }
      for (Sample s : f.samples()) {
        Sample first = series.get(s.seriesKey());
        if (first != null) {
          throw s.error(
              "duplicate series "
                  + s.name()
                  + s.labels()
                  + " (already read from "
                  + first.file()
                  + ":"
                  + first.line()
                  + ")");
        }
      }
    }

    private static MetricFamily join(MetricFamily a, MetricFamily b) {
      List<Sample> all = new ArrayList<>(a.samples());
      all.addAll(b.samples());
      String help = a.help() != null ? a.help() : b.help();
      return new MetricFamily(a.name(), a.type(), help, all, a.line());
    }

    List<MetricFamily> families() {
      List<MetricFamily> out = new ArrayList<>();
      for (MetricFamily f : byName.values()) {
        String help =
            f.help() != null
                ? f.help()
                : "Metric read from " + String.join(", ", filesByName.get(f.name()));
        out.add(f.withHelp(help));
      }
      return out;
    }
  }
}
