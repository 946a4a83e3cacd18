package io.hostwatch.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates a module's shaded jar for tests that run it as a real process. Integration tests that
 * need another module's jar run in the {@code verify} phase after {@code package}.
 */
public final class ModuleJars {
  private ModuleJars() {}

  /** {@code <repo>/<module>/target/hostwatch-<module>.jar}; fails when it is not built. */
  public static Path of(String module) {
    Path root = repoRoot();
    Path jar = root.resolve(module).resolve("target").resolve("hostwatch-" + module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " is not built; run 'make build' (or mvn package) first");
    }
    return jar;
  }

  /** The repository root: the nearest ancestor of the working directory holding the root pom. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("common"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new AssertionError("repository root not found from " + Path.of("").toAbsolutePath());
  }
}
