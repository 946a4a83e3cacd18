package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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

  /** The last result and the directory it came from. */
  private record Cached(List<FileState> files, Result result) {}

  private volatile Cached last;

  /**
   * Reads the directory now; never throws. Files are parsed again only when one of them changed
   * (name, inode, mtime or size), since most scrapes find them as they were; a bad file is still
   * logged on every read, as node_exporter does.
   */
  public Result read() {
    List<String> errors = new ArrayList<>();
    List<Path> files = promFiles(errors);
    List<FileState> state = errors.isEmpty() ? stat(files) : null;
    Cached cached = last;
    if (state != null && cached != null && cached.files().equals(state)) {
      cached.result().errors().forEach(logger::severe);
      return cached.result();
    }
    Result result = readAll(files, errors);
    last = state == null ? null : new Cached(state, result);
    return result;
  }

  private static List<FileState> stat(List<Path> files) {
    List<FileState> out = new ArrayList<>(files.size());
    for (Path file : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        out.add(new FileState(file, a.fileKey(), a.lastModifiedTime(), a.size()));
      } catch (IOException e) {
        return null; // reported when the file is read
      }
    }
    return out;
  }

  private Result readAll(List<Path> files, List<String> errors) {
    Merged merged = new Merged();
    Map<String, Double> mtimes = new TreeMap<>();
    for (Path file : files) {
      try {
        List<MetricFamily> families = TextfileParser.parseFamilies(readUtf8(file), file.toString());
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

  private static String readUtf8(Path file) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
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
