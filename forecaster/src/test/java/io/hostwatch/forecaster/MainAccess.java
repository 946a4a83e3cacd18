package io.hostwatch.forecaster;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Lets tests in other packages reach {@link Main#newCommandLine}. */
public final class MainAccess {
  private MainAccess() {}

  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return Main.newCommandLine(out, err);
  }
}
