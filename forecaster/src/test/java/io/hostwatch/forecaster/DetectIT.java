package io.hostwatch.forecaster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar's {@code detect} command, run as a process on small CSVs. */
class DetectIT {
  @TempDir Path dir;

  private int detect(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("detect"));
    cmd.addAll(List.of(args));
    try (RealProcess p =
        RealProcess.start(
            "detect",
            dir,
            RealProcess.javaJar(ModuleJars.of("forecaster"), cmd.toArray(String[]::new)))) {
      assertTrue(p.process().waitFor(120, TimeUnit.SECONDS), "detect hangs:\n" + p.log());
      return p.process().exitValue();
    }
  }

  /** A flat, slightly noisy day at 5 minutes, then a spike, then flat again. */
  @Test
  void aSpikeScoresHigherThanTheFlatRowsBeforeIt() throws Exception {
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 300; i++) {
      double v = i == 250 ? 90 : 10 + (i * 7919 % 13) / 10.0;
      sb.append(1_400_000_000L + 300L * i).append(',').append(v).append('\n');
    }
    Path in = dir.resolve("host_cpu.csv");
    Files.writeString(in, sb);
    Path out = dir.resolve("scores.csv");
    assertEquals(0, detect("--input", in.toString(), "--output", out.toString()));
    List<String> lines = Files.readAllLines(out);
    assertEquals("file,timestamp,value,anomaly_score", lines.get(0));
    assertEquals(301, lines.size());
    double flatMax = 0;
    for (int i = 1; i <= 250; i++) {
      String[] r = lines.get(i).split(",");
      assertEquals("host_cpu.csv", r[0]);
      assertEquals(Long.toString(1_400_000_000L + 300L * (i - 1)), r[1]);
      double s = Double.parseDouble(r[3]);
      assertTrue(s >= 0 && s <= 1, lines.get(i));
      if (i <= 150) {
        assertEquals(0.0, s, "warm-up row " + i);
      }
      flatMax = Math.max(flatMax, s);
    }
    double spike = Double.parseDouble(lines.get(251).split(",")[3]);
    assertTrue(spike > flatMax && spike > 0.9, spike + " vs flat rows up to " + flatMax);
  }

  @Test
  void aBadRowExitsTwoWithFileAndLineAndNoOutput() throws Exception {
    Path in = dir.resolve("broken.csv");
    Files.writeString(in, "timestamp,value\n1400000000,1\n1400000300,one\n");
    Path out = dir.resolve("scores.csv");
    assertEquals(2, detect("--input", in.toString(), "--output", out.toString()));
    String log = Files.readString(dir.resolve("detect.log"));
    assertTrue(log.contains("broken.csv:3:12: value: cannot parse 'one'"), log);
    assertFalse(log.contains("Exception"), log);
    assertFalse(Files.exists(out));
  }
}
