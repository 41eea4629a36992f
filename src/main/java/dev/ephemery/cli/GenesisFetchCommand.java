package dev.ephemery.cli;

import picocli.CommandLine.Command;

@Command(name = "fetch", mixinStandardHelpOptions = true, description = "Fetch a release.")
final class GenesisFetchCommand extends BaseCommand {
  @Override
  public Integer call() {
    throw dev.ephemery.common.InvalidInputException.of("fetch", "not built yet", "");
  }
}
