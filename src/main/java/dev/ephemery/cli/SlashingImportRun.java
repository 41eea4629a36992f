package dev.ephemery.cli;

import dev.ephemery.client.SlashingImport;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.wiring.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Imports a checked EIP-3076 file with the client's own import ({@link SlashingImport}) in a
 * one-shot container: the container that keeps the slashing DB (the validator client, or a beacon
 * node with a built-in validator) is stopped first, as every client locks its DB, and started again
 * after, also when the import failed.
 */
final class SlashingImportRun {

  private SlashingImportRun() {}

  static void run(Host host, Path inventoryFile, Path file, Consumer<String> log)
      throws IOException {
    HostScope scope = new HostScope();
    scope.hosts = List.of(host.name());
    Optional<dev.ephemery.plan.Plan> planned;
    try {
      planned = RuntimePlans.cachedOnly(inventoryFile, scope).plan();
    } catch (InvalidInputException noRelease) {
      // Planning's own wording names --release, which this command has not: the node's state is
      // what is missing, not an input.
      throw new OperationalException(
          host.name(),
          "no plan for the host: no release in the cache to plan from",
          "run 'ephemery up' first",
          noRelease);
    }
    HostPlan plan =
        HostScope.hostPlan(planned, host.name())
            .orElseThrow(
                () ->
                    new OperationalException(
                        host.name(), "no plan for the host", "run 'ephemery up' first", null));
    Service service = null;
    SlashingImport command = null;
    for (Service s : plan.services()) {
      Optional<SlashingImport> found =
          Optional.ofNullable(s.layout()).map(DataLayout::slashingImport);
      if (found.isPresent()) {
        service = s;
        command = found.get();
      }
    }
    if (service == null) {
      throw new OperationalException(
          host.name(), "the host's validator has no import the tool knows", "", null);
    }
    Path folder =
        Path.of(host.baseDir()).resolve(".ephemery/slashing-import").resolve(service.name());
    Files.createDirectories(folder);
    Files.copy(
        file,
        folder.resolve(Path.of(SlashingImport.FILE).getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (HostRuntime runtime = Runtimes.open(host, log)) {
      runtime.importSlashingProtection(plan, service, command, folder, Duration.ofMinutes(2), log);
    }
  }
}
