package io.hostwatch.exporter.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One software RAID array of {@code /proc/mdstat}, as node_exporter 1.5 reads it: its activity
 * state ({@code active}, {@code inactive}, or {@code recovering}, {@code resyncing}, {@code
 * checking} while a sync runs), member disks by state, and its size and synced part in 1 KiB
 * blocks.
 */
public record MdStat(
    String name,
    String activityState,
    long disksActive,
    long disksTotal,
    long disksFailed,
    long disksSpare,
    long blocksTotal,
    long blocksSynced) {

  private static final Pattern STATUS =
      Pattern.compile("(\\d+) blocks .*\\[(\\d+)/(\\d+)\\] \\[([U_]+)\\]");
  private static final Pattern SYNCED_BLOCKS = Pattern.compile("\\((\\d+)/\\d+\\)");
  private static final Pattern PERCENT = Pattern.compile("= (.+)%");
  private static final Pattern FINISH = Pattern.compile("finish=(.+)min");
  private static final Pattern SPEED = Pattern.compile("speed=(.+)[A-Z]");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * The whole file: a {@code Personalities} line, then per array a device line ({@code md0 : active
   * raid1 sda1[0] sdb1[1](F)}), a status line ({@code 1953382400 blocks [2/2] [UU]}), perhaps a
   * bitmap line and a sync line, and a blank line. Throws {@link IllegalArgumentException} naming
   * the line where the text is not that.
   */
  public static List<MdStat> parse(String text) {
    // Trailing empty strings kept: node_exporter counts them when it checks an array's lines.
    String[] lines = text.split("\n", -1);
    List<MdStat> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()
          || line.charAt(0) == ' '
          || line.startsWith("Personalities")
          || line.startsWith("unused")) {
        continue;
      }
      out.add(array(lines, i));
    }
    return out;
  }

  private static MdStat array(String[] lines, int i) {
    String line = lines[i];
    String[] fields = ProcParsers.fields(line);
    if (fields.length < 3) {
      throw error(i, "expected a device line like 'md0 : active raid1 sda1[0] sdb1[1]'", line);
    }
    String name = fields[0];
    if (lines.length <= i + 3) {
      throw error(i, name + ": expected a status line and a blank line after it", line);
    }
    long failed = count(line, "(F)");
    long spare = count(line, "(S)");
    long[] status = status(line, lines[i + 1], i + 1);
    int syncIndex = lines[i + 2].contains("bitmap") ? i + 3 : i + 2;
    String sync = lines[syncIndex];
    String state = fields[2];
    long synced = status[2];
    boolean recovering = sync.contains("recovery");
    boolean resyncing = sync.contains("resync");
    boolean checking = sync.contains("check");
    if (recovering || resyncing || checking) {
      state = recovering ? "recovering" : checking ? "checking" : "resyncing";
      if (sync.contains("PENDING") || sync.contains("DELAYED")) {
        synced = 0;
      } else {
        synced = syncedBlocks(sync, syncIndex, name);
      }
    }
    return new MdStat(name, state, status[0], status[1], failed, spare, status[2], synced);
  }

  /** Active and total disks and the size, from the device and status lines. */
  private static long[] status(String deviceLine, String statusLine, int index) {
    String[] fields = ProcParsers.fields(statusLine);
    if (fields.length < 1) {
      throw error(index, "expected a status line like '1953382400 blocks [2/2] [UU]'", statusLine);
    }
    long size = integer(fields[0], index, statusLine);
    if (deviceLine.contains("raid0") || deviceLine.contains("linear")) {
      // Without redundancy every member is needed: the members are the [n] on the device line.
      long members = count(deviceLine, "[");
      return new long[] {members, members, size};
    }
    if (deviceLine.contains("inactive")) {
      return new long[] {0, 0, size};
    }
    Matcher m = STATUS.matcher(statusLine);
    if (!m.find()) {
      throw error(index, "expected '<n> blocks ... [total/active] [U_...]'", statusLine);
    }
    return new long[] {
      integer(m.group(3), index, statusLine), integer(m.group(2), index, statusLine), size
    };
  }

  /**
   * The synced blocks of a running sync line ({@code [=>...] recovery = 8.5% (16775552/195310144)
   * finish=17.0min speed=259783K/sec}); node_exporter also requires the percentage, finish time and
   * speed to be there.
   */
  private static long syncedBlocks(String line, int index, String name) {
    Matcher blocks = SYNCED_BLOCKS.matcher(line);
    if (!blocks.find()) {
      throw error(index, name + ": expected '(synced/total)' in the sync line", line);
    }
    long synced = integer(blocks.group(1), index, line);
    decimal(PERCENT, line, index, name, "'= <percent>%'");
    decimal(FINISH, line, index, name, "'finish=<minutes>min'");
    decimal(SPEED, line, index, name, "'speed=<rate>K/sec'");
    return synced;
  }

  private static void decimal(Pattern p, String line, int index, String name, String expected) {
    Matcher m = p.matcher(line);
    if (!m.find() || !DECIMAL.matcher(m.group(1).strip()).matches()) {
      throw error(index, name + ": expected " + expected + " in the sync line", line);
    }
  }

  private static long integer(String s, int index, String line) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error(index, "expected a whole number of blocks, got '" + s + "'", line);
    }
  }

  private static long count(String s, String part) {
    long n = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  private static IllegalArgumentException error(int index, String expected, String line) {
    return new IllegalArgumentException(
        "mdstat line " + (index + 1) + ": " + expected + ": '" + line.strip() + "'");
  }
}
