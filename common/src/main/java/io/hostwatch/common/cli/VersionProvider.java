package io.hostwatch.common.cli;

import picocli.CommandLine;

/**
 * {@code --version} for every Hostwatch tool, in the style of Prometheus' {@code version.Print}:
 * the tool, its version from the jar manifest, and the Java runtime.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "${COMMAND-FULL-NAME}, version " + version(),
      "  java: "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vendor")
          + ")",
      "  platform: " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
    };
  }

  /** The version from the jar manifest, or {@code dev} when run from classes. */
  public static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
