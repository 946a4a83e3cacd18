package io.hostwatch.exporter.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of {@code fixtures/linux} with sysfs's symbolic links ({@code /sys/class/hwmon/hwmon0} to
 * its device directory, a chip's {@code device} link). Maven's resource copy follows links, and
 * sysfs's loop back to where they are, so the tree holds none: {@code fixtures/linux-symlinks}
 * lists them, and {@link #addLinks} makes them in a copy.
 */
public final class FixtureTree {
  private FixtureTree() {}

  /** Copies the fixture tree to {@code to} and makes its links there. */
  public static Path copy(Path to) throws IOException {
    Path from;
    try {
      from = Path.of(FixtureTree.class.getResource("/fixtures/linux").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
    addLinks(to);
    return to;
  }

  /** Makes the links of {@code fixtures/linux-symlinks} in a copy of the tree at {@code tree}. */
  public static void addLinks(Path tree) throws IOException {
    String list;
    try (InputStream in = FixtureTree.class.getResourceAsStream("/fixtures/linux-symlinks")) {
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : list.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" ");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "fixtures/linux-symlinks: expected 'link target': " + line);
      }
      Path link = tree.resolve(parts[0]);
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(parts[1]));
    }
  }
}
