package io.hostwatch.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileAndLeavesNoTempBehind() throws IOException {
    Path target = dir.resolve("sub/state.json");
    AtomicFiles.write(target, "one".getBytes());
    AtomicFiles.write(target, "two".getBytes());
    assertEquals("two", Files.readString(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemp() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectories(target.resolve("child")); // a non-empty folder cannot be replaced
    assertThrows(IOException.class, () -> AtomicFiles.write(target, "x".getBytes()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void streamsTextAndReplacesOnlyWhenTheBodyFinishes() throws IOException {
    Path target = dir.resolve("scores.csv");
    AtomicFiles.write(target, w -> w.write("a,b\n1,2\n"));
    assertEquals("a,b\n1,2\n", Files.readString(target));
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    w -> {
                      w.write("half a file");
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", failure.getMessage());
    assertEquals("a,b\n1,2\n", Files.readString(target), "the old content stays");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temp file left behind");
    }
  }
}
