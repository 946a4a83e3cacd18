package io.hostwatch.forecaster.service;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code forecaster run}: the service, as the default command also runs it. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Serves forecasts of Prometheus series on /metrics (the default command).")
public final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServeOptions options;

  @Override
  public Integer call() throws Exception {
    return Server.run(options, spec.commandLine().getErr());
  }
}
