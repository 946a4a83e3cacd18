package io.hostwatch.alertwebhook.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AlertHandlerPathTest {
  @Test
  void receiverComesFromThePath() {
    assertEquals("", AlertHandler.receiverOf("/alert"));
    assertEquals("critical", AlertHandler.receiverOf("/alert/critical"));
    assertNull(AlertHandler.receiverOf("/alerts"));
    assertNull(AlertHandler.receiverOf("/alert/a/b"));
  }
}
