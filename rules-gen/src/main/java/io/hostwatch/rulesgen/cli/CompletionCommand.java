package io.hostwatch.rulesgen.cli;

import io.hostwatch.common.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

/**
 * {@code rules-gen completion}: a bash (and zsh, via bashcompinit) completion script, from
 * picocli's {@link AutoComplete}. Use: {@code source <(bin/rules-gen completion)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script: source <(rules-gen completion)")
public final class CompletionCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Override
  public Integer call() {
    var root = self.root().commandLine();
    self.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
    self.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
