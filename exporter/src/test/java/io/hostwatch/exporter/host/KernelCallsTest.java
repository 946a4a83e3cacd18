package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three libc calls through the exporter's own JNI library (built into the jar on Linux), with
 * JNA's answers as the reference: both must read the same kernel.
 */
class KernelCallsTest {
  @TempDir Path dir;

  @Test
  void theJniLibraryIsWhatLinuxUses() {
    assertInstanceOf(JniKernelCalls.class, KernelCalls.get(), "fell back to JNA");
  }

  @Test
  void statfsAgreesWithJna() throws Exception {
    FsUsage jni = KernelCalls.get().statfs(dir.toString());
    FsUsage jna = new JnaKernelCalls().statfs(dir.toString());
    assertTrue(jni.sizeBytes() > 0, jni.toString());
    assertEquals(jna.sizeBytes(), jni.sizeBytes());
    assertEquals(jna.files(), jni.files());
  }

  @Test
  void aPathWithANonAsciiNameIsFound() throws Exception {
    Path p = Files.createDirectories(dir.resolve("données ✓"));
    assertTrue(KernelCalls.get().statfs(p.toString()).sizeBytes() > 0);
  }

  @Test
  void aMissingPathFailsWithItsErrno() {
    IOException e =
        assertThrows(
            IOException.class, () -> KernelCalls.get().statfs(dir.resolve("gone").toString()));
    assertEquals(
        "statfs " + dir.resolve("gone") + ": no such file or directory (errno 2)", e.getMessage());
    IOException jna =
        assertThrows(
            IOException.class, () -> new JnaKernelCalls().statfs(dir.resolve("gone").toString()));
    assertEquals(e.getMessage(), jna.getMessage());
  }

  @Test
  void adjtimexAndThePageSizeAgreeWithJna() throws Exception {
    TimexStats.Raw jni = KernelCalls.get().adjtimex();
    TimexStats.Raw jna = new JnaKernelCalls().adjtimex();
    assertEquals(jna.tick(), jni.tick());
    assertEquals(jna.status(), jni.status());
    assertTrue(jni.tick() > 0, jni.toString());
    assertEquals(new JnaKernelCalls().pageSize(), KernelCalls.get().pageSize());
  }
}
