package io.hostwatch.rulesgen.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void changedLineWithContextAsDiffUPrintsIt() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertEquals(
        "--- a/f.yml\n+++ b/f.yml\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
        UnifiedDiff.of(Map.of("f.yml", a), Map.of("f.yml", b)));
  }

  @Test
  void addedAndRemovedFilesAndNoChange() {
    assertEquals(
        "--- /dev/null\n+++ b/new.yml\n@@ -0,0 +1,1 @@\n+x\n"
            + "--- a/old.yml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-y\n",
        UnifiedDiff.of(
            Map.of("old.yml", "y\n", "same", "s"), Map.of("new.yml", "x\n", "same", "s")));
    assertEquals("", UnifiedDiff.of(Map.of("a", "1\n"), Map.of("a", "1\n")));
  }
}
