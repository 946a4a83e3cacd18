package io.hostwatch.common.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Prometheus binaries the integration tests run. Outside CI a missing binary skips
 * the test (with the reason); under {@code CI=true} it fails it, so CI never passes by skipping.
 */
public final class Binaries {
  private Binaries() {}

  /** The path of {@code name} on PATH (or /usr/bin), or aborts/fails the test as above. */
  public static Path require(String name) {
    Path found = find(name);
    if (found == null) {
      String msg = name + " not found on PATH; run 'make deps' (installs Debian's packages)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
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
