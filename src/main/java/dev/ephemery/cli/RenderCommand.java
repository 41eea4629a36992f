package dev.ephemery.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code ephemery render}: exports of the plan for other tools. */
final class RenderCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec = Specs.command(this, "render", "Export the plan for other tools.");
    spec.addSubcommand("compose", new RenderComposeCommand().declare());
    spec.addSubcommand("monitoring", new RenderMonitoringCommand().declare());
    spec.addSubcommand("kubernetes", new RenderKubernetesCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to render, e.g. 'render compose'");
  }
}
