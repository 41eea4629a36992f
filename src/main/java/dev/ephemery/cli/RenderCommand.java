package dev.ephemery.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ephemery render}: exports of the plan for other tools. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Export the plan for other tools.",
    subcommands = {RenderComposeCommand.class})
final class RenderCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to render, e.g. 'render compose'");
  }
}
