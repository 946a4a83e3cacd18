package io.hostwatch.exporter.host;

import java.nio.file.Path;

/**
 * Where the host's files are: {@code --path.procfs}, {@code --path.sysfs}, {@code --path.rootfs}
 * (node_exporter's flags; in a container the host's are mounted elsewhere).
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs) {
  public static HostPaths defaults() {
    return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
  }

  Path proc(String relative) {
    return procfs.resolve(relative);
  }

  Path sys(String relative) {
    return sysfs.resolve(relative);
  }

  /** A path of the host's root filesystem, e.g. {@code /etc/os-release}. */
  Path root(String absolute) {
    return rootfs.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }
}
