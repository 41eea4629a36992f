package dev.ephemery.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code ephemery monitoring}: the node's monitoring stack. */
final class MonitoringCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec = Specs.command(this, "monitoring", "The node's Prometheus and Grafana.");
    spec.addSubcommand("password", new MonitoringPasswordCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "say what to do, e.g. 'monitoring password --host NAME'");
  }
}
