package io.hostwatch.common.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LoggingTest {
  @Test
  void writesLogfmtAtTheChosenLevelAndLeavesTheStreamOpen() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Logging.configure(Logging.LogLevel.INFO, stream);
    Logger logger = Logger.getLogger("io.hostwatch.test.Thing");
    logger.fine("hidden");
    logger.warning("disk \"/\" full\nsoon");
    Logging.configure(Logging.LogLevel.INFO, stream); // reconfiguring must not close it
    logger.info("after");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(out.contains("hidden"), out);
    assertTrue(
        out.matches(
            "(?s)ts=\\S+ level=warn caller=Thing msg=\"disk \\\\\"/\\\\\" full\\\\nsoon\"\n.*"),
        out);
    assertTrue(out.contains("level=info caller=Thing msg=\"after\""), out);
    assertFalse(stream.checkError());
    assertEquals(2, out.lines().count(), out);
  }
}
