package io.hostwatch.common.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real Prometheus binaries the integration tests run. A missing binary fails the test
 * with how to install it: a skipped test would hide exactly the missing part ({@code make test}
 * installs them first through {@code make deps}).
 */
public final class Binaries {
  private Binaries() {}

  /** The path of {@code name} on PATH (or /usr/bin), or fails the test. */
  public static Path require(String name) {
    Path found = find(name);
    if (found == null) {
      throw new AssertionError(
          name + " not found on PATH; run 'make deps' (installs Debian's packages)");
    }
    return found;
  }

  /** The path of {@code name}, or null. */
  public static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
