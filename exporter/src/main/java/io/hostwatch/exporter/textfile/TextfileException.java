package io.hostwatch.exporter.textfile;

/**
 * A problem in a {@code *.prom} file, at a line and column. {@link #getMessage()} is printable as
 * it is: {@code /var/lib/node_exporter/a.prom:3:12: label value is not quoted (expected ")}.
 */
public final class TextfileException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  TextfileException(String file, int line, int column, String problem) {
    super(file + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the {@code file:line:col: } prefix. */
  public String problem() {
    return problem;
  }
}
