package io.hostwatch.common.config;

/**
 * One problem in a configuration file, positioned the way promtool reports them: {@code
 * file:line:col: path.to[2].field: problem (expected ...)}.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line, or 0 when the problem has no position (e.g. an unreadable file)
 * @param column 1-based column, or 0
 * @param path the key path, e.g. {@code thresholds.cpu.warning}; empty for the document itself
 * @param message what is wrong and, where it helps, what was expected
 */
public record ConfigError(String file, int line, int column, String path, String message)
    implements Comparable<ConfigError> {

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line).append(':').append(column);
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }

  @Override
  public int compareTo(ConfigError o) {
    int c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }
}
