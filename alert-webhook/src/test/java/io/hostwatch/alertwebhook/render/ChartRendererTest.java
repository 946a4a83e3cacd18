package io.hostwatch.alertwebhook.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartRendererTest {
  private static final String MATRIX =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
          + "{\"metric\":{\"instance\":\"web-1:9110\"},\"values\":[[1767261600,\"70\"],"
          + "[1767261615,\"85.5\"],[1767261630,\"NaN\"],[1767261645,\"90\"]]}]}}";

  @Test
  void parsesTheMatrixAndDrawsAPng() throws Exception {
    List<RangeQueries.Series> series =
        RangeQueries.parseMatrix(MATRIX.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, series.size());
    assertEquals(4, series.get(0).values().size());
    assertEquals(85.5, series.get(0).values().get(1));
    System.setProperty("java.awt.headless", "true");
    byte[] png = ChartRenderer.png("cpu", "%", series, 80.0, ZoneId.of("UTC"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(ChartRenderer.WIDTH, image.getWidth());
    assertEquals(ChartRenderer.HEIGHT, image.getHeight());
    // The threshold line is drawn in red somewhere in the plot.
    boolean red = false;
    for (int x = 0; x < image.getWidth() && !red; x++) {
      for (int y = 0; y < image.getHeight() && !red; y++) {
        int rgb = image.getRGB(x, y);
        red = (rgb >> 16 & 0xff) > 170 && (rgb >> 8 & 0xff) < 90 && (rgb & 0xff) < 90;
      }
    }
    assertEquals(true, red, "threshold line present");
  }
}
