package io.hostwatch.alertwebhook;

import io.hostwatch.common.log.Logging;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Works around a bug in {@link Logging#configure} (common, not ours to edit): its ConsoleHandler
 * subclass calls {@code setOutputStream}, which closes the handler's initial writer, which wraps
 * {@code System.err}; the JDK then points fd 2 at /dev/null and every log line is lost. Handing the
 * handler a throw-away {@code System.err} while it is built keeps the real one open. Reported to
 * the lead; drop this class once common is fixed.
 */
final class LogSetup {
  private LogSetup() {}

  static void configure(Logging.LogLevel level) {
    PrintStream realErr = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      Logging.configure(level, realErr);
    } finally {
      System.setErr(realErr);
    }
  }
}
