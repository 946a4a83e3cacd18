package io.hostwatch.exporter.textfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextfileReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text, long mtimeMillis) throws IOException {
    Path p = Files.writeString(dir.resolve(name), text);
    Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeMillis));
    return p;
  }

  private String scrape() {
    return Exposition.text(new TextfileReader(dir).read().snapshots());
  }

  @Test
  void goodFilesAreServedWithTheirMtimes() throws IOException {
    write("a.prom", "# HELP a_up h\n# TYPE a_up gauge\na_up 1\n", 1_700_000_000_500L);
    write("b.prom", "b_count 2\n", 1_700_000_001_000L);
    write("ignored.txt", "not even metrics\n", 0);
    assertEquals(
        "# HELP a_up h\n# TYPE a_up gauge\na_up 1.0\n"
            + "# HELP b_count Metric read from "
            + dir.resolve("b.prom")
            + "\n# TYPE b_count untyped\nb_count 2.0\n"
            + "# HELP node_textfile_mtime_seconds Unixtime mtime of textfiles successfully read.\n"
            + "# TYPE node_textfile_mtime_seconds gauge\n"
            + "node_textfile_mtime_seconds{file=\""
            + dir.resolve("a.prom")
            + "\"} 1.7E9\n"
            + "node_textfile_mtime_seconds{file=\""
            + dir.resolve("b.prom")
            + "\"} 1.700000001E9\n"
            + "# HELP node_textfile_scrape_error 1 if there was an error opening or reading a file,"
            + " 0 otherwise\n"
            + "# TYPE node_textfile_scrape_error gauge\n"
            + "node_textfile_scrape_error 0.0\n",
        scrape());
  }

  @Test
  void badFileIsSkippedWholeAndReportedTheRestServed() throws IOException {
    write("good.prom", "good 1\n", 1000);
    write("bad.prom", "fine 1\nbroken{a=\"1} 2\n", 1000);
    TextfileReader.Result r = new TextfileReader(dir).read();
    String text = Exposition.text(r.snapshots());
    assertEquals(
        List.of(
            "failed to collect textfile data: "
                + dir.resolve("bad.prom")
                + ":2:10: label value of a is not closed (expected \" before end of line)"),
        r.errors());
    assertTrue(text.contains("\ngood 1.0\n"), text);
    assertFalse(text.contains("fine"), text);
    assertFalse(text.contains("bad.prom\""), "no mtime for a bad file:\n" + text);
    assertTrue(text.contains("\nnode_textfile_scrape_error 1.0\n"), text);
  }

  @Test
  void familyFromTwoFilesIsMergedWithBothNamesInItsHelp() throws IOException {
    write("a.prom", "shared{x=\"1\"} 1\n", 0);
    write("b.prom", "shared{x=\"2\"} 2\n", 0);
    String text = scrape();
    assertTrue(
        text.contains(
            "# HELP shared Metric read from "
                + dir.resolve("a.prom")
                + ", "
                + dir.resolve("b.prom")
                + "\n# TYPE shared untyped\nshared{x=\"1\"} 1.0\nshared{x=\"2\"} 2.0\n"),
        text);
    assertTrue(text.contains("\nnode_textfile_scrape_error 0.0\n"), text);
  }

  @Test
  void seriesRepeatedInAnotherFileRejectsThatFile() throws IOException {
    write("a.prom", "dup{x=\"1\"} 1\n", 0);
    write("b.prom", "other 5\ndup{x=\"1\"} 2\n", 0);
    TextfileReader.Result r = new TextfileReader(dir).read();
    assertEquals(
        List.of(
            "failed to collect textfile data: "
                + dir.resolve("b.prom")
                + ":2:1: duplicate series dup{x=1} (already read from "
                + dir.resolve("a.prom")
                + ":1)"),
        r.errors());
    String text = Exposition.text(r.snapshots());
    assertTrue(text.contains("dup{x=\"1\"} 1.0\n"), text);
    assertFalse(text.contains("\nother "), text);
  }

  @Test
  void typeDisagreeingWithAnotherFileRejectsThatFile() throws IOException {
    write("a.prom", "# TYPE m gauge\nm 1\n", 0);
    write("b.prom", "\n# TYPE m counter\nm{x=\"2\"} 2\n", 0);
    assertEquals(
        List.of(
            "failed to collect textfile data: "
                + dir.resolve("b.prom")
                + ":2:1: metric m is a counter here but a gauge in "
                + dir.resolve("a.prom")
                + ":2"),
        new TextfileReader(dir).read().errors());
  }

  @Test
  void invalidUtf8IsAnError() throws IOException {
    Files.write(dir.resolve("x.prom"), new byte[] {'a', '{', 'b', '=', '"', (byte) 0xff, '"', '}'});
    assertEquals(1, new TextfileReader(dir).read().errors().size());
  }

  @Test
  void emptyDirectoryGivesOnlyTheErrorGaugeAtZero() {
    assertEquals(
        "# HELP node_textfile_scrape_error 1 if there was an error opening or reading a file,"
            + " 0 otherwise\n# TYPE node_textfile_scrape_error gauge\n"
            + "node_textfile_scrape_error 0.0\n",
        scrape());
  }

  @Test
  void missingDirectoryIsAnError() {
    TextfileReader.Result r = new TextfileReader(dir.resolve("nope")).read();
    assertTrue(r.failed());
    assertTrue(
        Exposition.text(r.snapshots()).contains("\nnode_textfile_scrape_error 1.0\n"),
        r.errors().toString());
  }

  @Test
  void unchangedDirectoryIsNotParsedAgain() throws IOException {
    write("a.prom", "a 1\n", 1000);
    TextfileReader reader = new TextfileReader(dir);
    assertSame(reader.read().snapshots(), reader.read().snapshots());
  }

  @Test
  void changedFileIsReadAgain() throws IOException {
    write("a.prom", "a 1\n", 1000);
    TextfileReader reader = new TextfileReader(dir);
    assertTrue(Exposition.text(reader.read().snapshots()).contains("\na 1.0\n"));
    write("a.prom", "a 2\n", 2000); // same size, newer
    assertTrue(Exposition.text(reader.read().snapshots()).contains("\na 2.0\n"));
  }

  @Test
  void fileReplacedByRenameWithTheSameMtimeAndSizeIsReadAgain() throws IOException {
    write("a.prom", "a 1\n", 1000);
    TextfileReader reader = new TextfileReader(dir);
    reader.read();
    Path tmp = write("a.prom.tmp", "a 2\n", 1000);
    Files.move(tmp, dir.resolve("a.prom"), StandardCopyOption.ATOMIC_MOVE);
    assertTrue(Exposition.text(reader.read().snapshots()).contains("\na 2.0\n"));
  }

  @Test
  void newAndRemovedFilesAreSeen() throws IOException {
    write("a.prom", "a 1\n", 1000);
    TextfileReader reader = new TextfileReader(dir);
    reader.read();
    write("b.prom", "b 1\n", 1000);
    assertTrue(Exposition.text(reader.read().snapshots()).contains("\nb 1.0\n"));
    Files.delete(dir.resolve("a.prom"));
    assertFalse(Exposition.text(reader.read().snapshots()).contains("\na 1.0\n"));
  }
}
