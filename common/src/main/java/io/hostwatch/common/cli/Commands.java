package io.hostwatch.common.cli;

import io.hostwatch.common.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Applies the house conventions to a picocli command: Prometheus-style dotted flags, exit code 2
 * for usage and configuration errors, and no stack trace for a user's mistake.
 */
public final class Commands {
  private Commands() {}

  /** Configures {@code cl} to print to {@code out}/{@code err} and map errors to exit codes. */
  public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // node_exporter style: --no-collector.cpu negates --collector.cpu.
    cl.setNegatableOptionTransformer(
        new CommandLine.RegexTransformer.Builder()
            .addPattern("^--no-([\\w.-]+)$", "--$1", "--[no-]$1")
            .addPattern("^--([\\w.-]+)$", "--no-$1", "--[no-]$1")
            .build());
    cl.setExitCodeExceptionMapper(
        e -> e instanceof ConfigException ? ExitCodes.USAGE : ExitCodes.FAILURE);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("error: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          c.getErr().flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof ConfigException) {
            c.getErr().println(ex.getMessage());
            c.getErr().flush();
            return ExitCodes.USAGE;
          }
          throw ex;
        });
    return cl;
  }
}
