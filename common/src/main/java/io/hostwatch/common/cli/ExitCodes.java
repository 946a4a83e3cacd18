package io.hostwatch.common.cli;

/** Exit codes shared by every tool: as promtool and amtool use them. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Something went wrong that is not the user's input (or, for {@code diff}, "would change"). */
  public static final int FAILURE = 1;

  /** Bad flags or a bad configuration file. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
