package io.hostwatch.forecaster.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.forecaster.MainAccess;
import io.hostwatch.forecaster.model.AnomalyScorer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {
  @TempDir Path dir;

  static int run(StringWriter out, StringWriter err, String... args) {
    return MainAccess.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
  }

  /** {@code n} rows of noise at 5 minutes in NAB's format, a spike at {@code spike} (or none). */
  static String series(int n, int spike, long seed) {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < n; i++) {
      long t = 1_392_336_000L + 300L * i;
      String ts =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
              .withZone(java.time.ZoneOffset.UTC)
              .format(java.time.Instant.ofEpochSecond(t));
      double v = i == spike ? 95 : 40 + rnd.nextGaussian();
      sb.append(ts).append(',').append(v).append('\n');
    }
    return sb.toString();
  }

  @Test
  void writesOneRowPerInputRowKeyedByBaseNameAndTimestamp() throws Exception {
    Path a = dir.resolve("a.csv");
    Files.writeString(a, series(400, 350, 1));
    Path b = dir.resolve("epoch.csv");
    Files.writeString(b, "1000,1\n1300,\n1600,3\n");
    Path scores = dir.resolve("scores.csv");
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "detect",
            "--input",
            a.toString(),
            b.toString(),
            "--output",
            scores.toString());
    assertEquals(0, code, err.toString());
    List<String> lines = Files.readAllLines(scores);
    assertEquals(DetectCommand.HEADER, lines.get(0));
    assertEquals(1 + 400 + 3, lines.size());
    assertTrue(lines.get(1).startsWith("a.csv,2014-02-14 00:00:00,"), lines.get(1));
    String[] spike = lines.get(1 + 350).split(",");
    assertEquals("95.0", spike[2]);
    assertTrue(Double.parseDouble(spike[3]) >= AnomalyScorer.THRESHOLD, lines.get(351));
    assertEquals("epoch.csv,1300,NaN,0.0", lines.get(402));
  }

  @Test
  void badInputExitsTwoNamingFileAndLineAndWritesNothing() throws Exception {
    Path good = dir.resolve("good.csv");
    Files.writeString(good, series(10, -1, 2));
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "timestamp,value\n2014-02-14 00:00:00,1\n2014-02-14 00:05,2\n");
    Path scores = dir.resolve("scores.csv");
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "detect",
            "--input",
            good.toString(),
            "--input",
            bad.toString(),
            "--output",
            scores.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("bad.csv:3:1: timestamp: cannot parse"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
    assertFalse(Files.exists(scores));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void twoInputsWithOneBaseNameAndAMissingOutputFolderAreUsageErrors() throws Exception {
    Path x = Files.createDirectories(dir.resolve("x")).resolve("s.csv");
    Path y = Files.createDirectories(dir.resolve("y")).resolve("s.csv");
    Files.writeString(x, series(10, -1, 3));
    Files.writeString(y, series(10, -1, 4));
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "detect",
            "--input",
            x.toString(),
            "--input",
            y.toString(),
            "--output",
            dir.resolve("nowhere/scores.csv").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("same file name as " + x), err.toString());
    assertTrue(err.toString().contains("--output: no such directory"), err.toString());
  }
}
