package io.hostwatch.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationLogTest {
  private static final RegistrationLog.Entry A =
      new RegistrationLog.Entry("a", "127.0.0.1:9100", Map.of("role", "web"), "user:alice");
  private static final RegistrationLog.Entry GONE =
      new RegistrationLog.Entry("b", null, Map.of(), null);

  @Test
  void linesReadBack() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(RegistrationLog.line(A));
    out.write(RegistrationLog.line(GONE));
    assertEquals(List.of(A, GONE), RegistrationLog.read(out.toByteArray()));
  }

  @Test
  void aTornOrCorruptTailIsIgnored() throws Exception {
    byte[] a = RegistrationLog.line(A);
    byte[] torn = new byte[a.length + 20];
    System.arraycopy(a, 0, torn, 0, a.length);
    System.arraycopy(a, 0, torn, a.length, 20); // half a line, no newline
    assertEquals(List.of(A), RegistrationLog.read(torn));

    String flipped = new String(a, StandardCharsets.UTF_8).replace("9100", "9101");
    byte[] corrupt =
        (new String(a, StandardCharsets.UTF_8) + flipped).getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(A), RegistrationLog.read(corrupt)); // checksum mismatch
  }
}
