package io.hostwatch.alertwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email for a storm of ten hosts, as a person sees it: the jar's {@code preview} renders the
 * notification, a headless Chromium (Debian's) lays the HTML out and takes a screenshot, and the
 * laid-out page holds a table with a row for every host under a header that counts them. The PNG is
 * kept as {@code target/storm-email.png} to look at.
 */
class StormEmailRenderIT {
  private static final int HOSTS = 10;

  @TempDir Path dir;

  @Test
  void aTenHostStormRendersAsOneReadableTableOfHosts() throws Exception {
    Path chromium = Binaries.require("chromium");
    Path payload = dir.resolve("storm.json");
    Files.writeString(payload, storm());
    Path out = dir.resolve("preview");
    Process preview =
        new ProcessBuilder(
                RealProcess.javaJar(
                    ModuleJars.of("alert-webhook"),
                    "preview",
                    "--payload",
                    payload.toString(),
                    "--output",
                    out.toString()))
            .redirectErrorStream(true)
            .start();
    String log = new String(preview.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(preview.waitFor(120, TimeUnit.SECONDS), "preview hung");
    assertEquals(0, preview.exitValue(), log);
    assertEquals(
        "[FIRING:10] HostDown db-0, db-1 (+8)",
        Files.readString(out.resolve("subject.txt")).strip());

    Path html = out.resolve("email.html");
    String dom = chromium(chromium, "--dump-dom", html.toUri().toString());
    assertTrue(dom.contains("10 alerts on 10 hosts"), dom);
    Matcher table = Pattern.compile("(?s)class=\"hosts\".*?</table>").matcher(dom);
    assertTrue(table.find(), "a table of hosts:\n" + dom);
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("(?s)<tr[^>]*>\\s*<td[^>]*>([^<]*)</td>").matcher(table.group());
    while (row.find()) {
      rows.add(row.group(1));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      expected.add("db-" + i);
    }
    assertEquals(expected, rows, "one row per host, in the notification's order");

    Path png = dir.resolve("storm-email.png");
    chromium(
        chromium,
        "--screenshot=" + png,
        "--window-size=800,1400",
        "--hide-scrollbars",
        html.toUri().toString());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null, "a PNG");
    assertEquals(800, image.getWidth());
    assertTrue(countNonWhite(image) > image.getWidth() * 40, "the screenshot shows the email");
    Path kept = ModuleJars.repoRoot().resolve("alert-webhook/target/storm-email.png");
    Files.createDirectories(kept.getParent());
    Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Headless Chromium on a file; its standard output. Root needs --no-sandbox. */
  private String chromium(Path chromium, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("chromium-profile")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium hung");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
    return stdout;
  }

  private static long countNonWhite(BufferedImage image) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) < 0xf0f0f0) {
          n++;
        }
      }
    }
    return n;
  }

  /** HostDown for ten hosts in one group, as Alertmanager posts a storm. */
  private static String storm() {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < HOSTS; i++) {
      alerts
          .append(i == 0 ? "" : ",")
          .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"HostDown\",")
          .append("\"severity\":\"critical\",\"instance\":\"db-")
          .append(i)
          .append("\",\"job\":\"node\"},\"annotations\":{\"summary\":\"db-")
          .append(i)
          .append(" is down\"},\"startsAt\":\"2026-01-01T10:00:0")
          .append(i % 10)
          .append("Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\",")
          .append("\"fingerprint\":\"fp-")
          .append(i)
          .append("\"}");
    }
    return "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"HostDown\\\"}\","
        + "\"status\":\"firing\",\"receiver\":\"ops\","
        + "\"groupLabels\":{\"alertname\":\"HostDown\",\"severity\":\"critical\"},"
        + "\"commonLabels\":{\"alertname\":\"HostDown\",\"severity\":\"critical\",\"job\":\"node\"},"
        + "\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\","
        + "\"truncatedAlerts\":0,\"alerts\":["
        + alerts
        + "]}";
  }
}
