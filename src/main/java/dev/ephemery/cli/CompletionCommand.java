package dev.ephemery.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a shell completion script: {@code source <(ephemery completion bash)}. */
final class CompletionCommand implements Callable<Integer>, DeclaredCommand {

  CommandSpec spec;

  Shell shell;

  @Override
  public CommandSpec declare() {
    spec = Specs.command(this, "completion", "Print a shell completion script for bash or zsh.");
    spec.addPositional(
        Specs.positional(Shell.class, () -> shell, v -> shell = v, "SHELL")
            .description("bash or zsh")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("ephemery", spec.root().commandLine());
    if (shell == Shell.zsh) {
      // picocli's script is bash; zsh runs it through bashcompinit.
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    spec.commandLine().getOut().print(script);
    return 0;
  }

  enum Shell {
    bash,
    zsh
  }
}
