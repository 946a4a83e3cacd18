package io.hostwatch.exporter.textfile;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the tokens of one line of the Prometheus text format (version 0.0.4), with the rules of
 * Go's {@code expfmt.TextParser} that node_exporter's textfile collector uses: names in the legacy
 * character set, label values with the escapes {@code \\ \" \n} only, a Go float value, an optional
 * integer timestamp.
 */
final class LineScanner {
  // What Go's strconv.ParseFloat accepts in practice; Java's parseDouble would also take "1d",
  // "1f" and "Infinity" spelled other ways, which expfmt rejects.
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d{1,19}");

  private final String file;
  private final int lineNumber;
  private final String line;
  private int pos;

  LineScanner(String file, int lineNumber, String line) {
    this.file = file;
    this.lineNumber = lineNumber;
    this.line = line;
  }

  /** A parsed sample line; {@code timestamp} is null when the line has none. */
  record SampleLine(String name, Map<String, String> labels, double value, Long timestamp) {}

  TextfileException error(String problem) {
    return errorAt(pos, problem);
  }

  /** An error at {@code position} (0-based), as from {@link #position()}. */
  TextfileException errorAt(int position, String problem) {
    return new TextfileException(file, lineNumber, position + 1, problem);
  }

  int position() {
    return pos;
  }

  void skipBlanks() {
    while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
      pos++;
    }
  }

  char peek() {
    return line.charAt(pos);
  }

  void advance() {
    pos++;
  }

  boolean atBlank() {
    return pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t');
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  /** The next run of non-blank characters (possibly empty). */
  String word() {
    int start = pos;
    while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
      pos++;
    }
    return line.substring(start, pos);
  }

  /** The rest of the line after blanks, for HELP text, with its escapes {@code \\ \n} resolved. */
  String helpText() throws TextfileException {
    skipBlanks();
    StringBuilder sb = new StringBuilder();
    while (pos < line.length()) {
      char c = line.charAt(pos);
      if (c == '\\' && pos + 1 < line.length()) {
        char next = line.charAt(pos + 1);
        if (next == '\\') {
          sb.append('\\');
        } else if (next == 'n') {
          sb.append('\n');
        } else {
          throw error("invalid escape sequence '\\" + next + "' in HELP (expected \\\\ or \\n)");
        }
        pos += 2;
      } else {
        sb.append(c);
        pos++;
      }
    }
    return sb.toString();
  }

  /** A metric name, or an error naming what was found instead. */
  String metricName() throws TextfileException {
    int start = pos;
    while (pos < line.length() && isNameChar(line.charAt(pos), pos == start, true)) {
      pos++;
    }
    if (pos == start) {
      throw error("invalid metric name " + found() + " (expected [a-zA-Z_:][a-zA-Z0-9_:]*)");
    }
    return line.substring(start, pos);
  }

  SampleLine sample() throws TextfileException {
    String name = metricName();
    skipBlanks();
    Map<String, String> labels = new TreeMap<>();
    if (pos < line.length() && line.charAt(pos) == '{') {
      pos++;
      labels(labels);
      skipBlanks();
    }
    if (atEnd()) {
      throw error("missing value for sample " + name);
    }
    String valueWord = word();
    if (!FLOAT.matcher(valueWord).matches()) {
      pos -= valueWord.length();
      throw error("invalid value " + quote(valueWord) + " (expected a float, +Inf, -Inf or NaN)");
    }
    double value = parseFloat(valueWord);
    skipBlanks();
    Long timestamp = null;
    if (!atEnd()) {
      String ts = word();
      if (!TIMESTAMP.matcher(ts).matches()) {
        pos -= ts.length();
        throw error("invalid timestamp " + quote(ts) + " (expected milliseconds as an integer)");
      }
      timestamp = Long.parseLong(ts);
      skipBlanks();
      if (!atEnd()) {
        throw error("unexpected " + found() + " after the timestamp (expected end of line)");
      }
    }
    return new SampleLine(name, labels, value, timestamp);
  }

  private void labels(Map<String, String> labels) throws TextfileException {
    while (true) {
      skipBlanks();
      if (pos < line.length() && line.charAt(pos) == '}') {
        pos++;
        return;
      }
      int nameStart = pos;
      while (pos < line.length() && isNameChar(line.charAt(pos), pos == nameStart, false)) {
        pos++;
      }
      if (pos == nameStart) {
        throw error("invalid label name " + found() + " (expected [a-zA-Z_][a-zA-Z0-9_]*)");
      }
      String labelName = line.substring(nameStart, pos);
      if (labelName.startsWith("__")) {
        pos = nameStart;
        throw error("label name " + labelName + " is reserved (names starting with __ are)");
      }
      skipBlanks();
      expect('=', "after label name " + labelName);
      skipBlanks();
      expect('"', "to open the value of label " + labelName);
      String value = labelValue(labelName);
      if (labels.put(labelName, value) != null) {
        pos = nameStart;
        throw error("duplicate label name " + labelName);
      }
      skipBlanks();
      if (pos < line.length() && line.charAt(pos) == ',') {
        pos++;
      } else if (pos >= line.length() || line.charAt(pos) != '}') {
        throw error("unexpected " + found() + " after a label (expected , or })");
      }
    }
  }

  private String labelValue(String labelName) throws TextfileException {
    int opening = pos - 1;
    StringBuilder sb = new StringBuilder();
    while (pos < line.length()) {
      char c = line.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char next = pos < line.length() ? line.charAt(pos) : ' ';
        switch (next) {
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case 'n' -> sb.append('\n');
          default -> {
            pos--;
            throw error(
                "invalid escape sequence in the value of label "
                    + labelName
                    + " (expected \\\\, \\\" or \\n)");
          }
        }
        pos++;
      } else {
        sb.append(c);
      }
    }
    throw errorAt(
        opening, "label value of " + labelName + " is not closed (expected \" before end of line)");
  }

  private void expect(char c, String where) throws TextfileException {
    if (pos >= line.length() || line.charAt(pos) != c) {
      throw error("unexpected " + found() + " " + where + " (expected " + c + ")");
    }
    pos++;
  }

  private String found() {
    if (pos >= line.length()) {
      return "end of line";
    }
    int end = pos;
    while (end < line.length() && end - pos < 20 && line.charAt(end) != ' ') {
      end++;
    }
    return quote(line.substring(pos, Math.max(end, pos + 1)));
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (colonAllowed && c == ':')
        || (!first && c >= '0' && c <= '9');
  }

  private static double parseFloat(String s) {
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    boolean negative = lower.startsWith("-");
    String unsigned = lower.replaceFirst("^[+-]", "");
    if (unsigned.startsWith("inf")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(s);
  }
}
