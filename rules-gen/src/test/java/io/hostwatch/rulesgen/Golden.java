package io.hostwatch.rulesgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}: compared byte for byte, rewritten instead when the
 * build runs with {@code -Dgolden.update=true} (node_exporter's {@code -u}). Review the diff.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Removes a golden folder before it is written anew (it holds no rules-gen marker). */
  public static void clear(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var s = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  /** The source tree's {@code src/test/resources}, where goldens are refreshed. */
  /**
   * The example thresholds.yml at the top of the repository, which the golden files are made from.
   */
  public static Path example() {
    return resources().resolve("../../../../examples/thresholds.yml").normalize();
  }

  public static Path resources() {
    return ModuleDir.path().resolve("src/test/resources");
  }

  /** Asserts {@code actual} equals the golden at {@code resources()/relative}, or rewrites it. */
  public static void check(String relative, String actual) throws IOException {
    Path file = resources().resolve(relative);
    if (updating()) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      throw new AssertionError(file + " missing; run with -Dgolden.update=true and review it");
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, relative);
  }

  /** The rules-gen module folder, whether tests run from it or from the repository root. */
  static final class ModuleDir {
    static Path path() {
      Path here = Path.of("").toAbsolutePath();
      return Files.isDirectory(here.resolve("src/test/resources"))
          ? here
          : here.resolve("rules-gen");
    }
  }
}
