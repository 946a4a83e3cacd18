package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hostwatch.common.testing.ModuleJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in {@code prometheus/}, {@code alertmanager/} and {@code grafana-dashboards/} folders
 * are exactly what rules-gen generates from {@code examples/thresholds.yml}, which is what {@code
 * make run} starts with. {@code make example-config} refreshes them.
 */
class CheckedInConfigIT {
  private static final Map<String, String> CHECKED_IN_AS =
      Map.of(
          "prometheus", "prometheus",
          "alertmanager", "alertmanager",
          "grafana", "grafana-dashboards");

  @TempDir Path dir;

  @Test
  void checkedInExampleConfigurationIsUpToDate() throws Exception {
    Path root = ModuleJars.repoRoot();
    Path out = dir.resolve("out");
    RulesGen.generate(root.resolve("examples/thresholds.yml"), out);
    for (Map.Entry<String, String> e : CHECKED_IN_AS.entrySet()) {
      assertEquals(
          files(out.resolve(e.getKey())),
          files(root.resolve(e.getValue())),
          e.getValue() + "/ differs from what rules-gen generates; run 'make example-config'");
    }
  }

  private static Map<String, String> files(Path folder) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return contents;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        contents.put(folder.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return contents;
  }
}
