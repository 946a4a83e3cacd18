package io.hostwatch.common.log;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging set up the way Prometheus components log: logfmt lines on stderr ({@code ts=...
 * level=info caller=Foo msg="..."}) at the level given by {@code --log.level}.
 */
public final class Logging {
  private Logging() {}

  /** The values {@code --log.level} accepts, as in Prometheus. */
  public enum LogLevel {
    DEBUG(Level.FINE),
    INFO(Level.INFO),
    WARN(Level.WARNING),
    ERROR(Level.SEVERE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
      this.julLevel = julLevel;
    }

    public Level julLevel() {
      return julLevel;
    }
  }

  /** Replaces the root handlers with one logfmt handler on {@code stream}. */
  public static void configure(LogLevel level, PrintStream stream) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    // A StreamHandler built on the stream directly: ConsoleHandler.setOutputStream would close
    // the System.err it opened with, and the JDK would then lose every line written to fd 2.
    Handler handler =
        new StreamHandler(stream, new LogfmtFormatter()) {
          @Override
          public synchronized void publish(LogRecord r) {
            super.publish(r);
            flush();
          }

          @Override
          public synchronized void close() {
            flush(); // stderr belongs to the process, not to the handler
          }
        };
    handler.setLevel(level.julLevel());
    root.addHandler(handler);
    root.setLevel(level.julLevel());
    // Libraries are quiet unless debugging.
    Logger.getLogger("oshi").setLevel(level == LogLevel.DEBUG ? Level.FINE : Level.SEVERE);
  }

  /** Formats one record as a logfmt line. */
  static final class LogfmtFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder sb = new StringBuilder(128);
      sb.append("ts=").append(Instant.ofEpochMilli(r.getMillis()));
      sb.append(" level=").append(levelName(r.getLevel()));
      String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
      sb.append(" caller=").append(logger.substring(logger.lastIndexOf('.') + 1));
      sb.append(" msg=").append(quote(formatMessage(r)));
      if (r.getThrown() != null) {
        sb.append(" err=").append(quote(String.valueOf(r.getThrown())));
      }
      return sb.append('\n').toString();
    }

    private static String levelName(Level level) {
      if (level.intValue() >= Level.SEVERE.intValue()) {
        return "error";
      }
      if (level.intValue() >= Level.WARNING.intValue()) {
        return "warn";
      }
      if (level.intValue() >= Level.INFO.intValue()) {
        return "info";
      }
      return "debug";
    }

    static String quote(String s) {
      String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
      return "\"" + escaped + "\"";
    }
  }

  /** Parses a level name case-insensitively. */
  public static LogLevel parseLevel(String name) {
    return LogLevel.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
