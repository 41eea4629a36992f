package dev.ephemery.runtime.local;

import dev.ephemery.ops.Component;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.WipePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A node's files on this machine's disk, under its baseDir: the reset's {@link NodeFiles} on Docker
 * hosts, where the reset runs beside the files (locally, or inside the host's supervisor container
 * for an SSH host). Every delete goes through {@link ConfinedPaths}.
 */
public final class LocalNodeFiles implements NodeFiles {

  /** One for all: the files are where each reset's layout says. */
  public static final LocalNodeFiles INSTANCE = new LocalNodeFiles();

  private LocalNodeFiles() {}

  @Override
  public Optional<Integer> installedIteration(NodeLayout layout) {
    return new TestnetInstaller(layout).installedIteration();
  }

  @Override
  public void stage(NodeLayout layout, Path releaseDir, int iteration) {
    new TestnetInstaller(layoutAt(layout, iteration)).stage(releaseDir, iteration);
  }

  @Override
  public WipePlan planWipe(NodeLayout layout, String oldIteration) {
    return new Wiper(layout).plan(oldIteration);
  }

  @Override
  public WipePlan wipe(NodeLayout layout, String oldIteration, FaultInjector faults) {
    return new Wiper(layout).execute(oldIteration, faults);
  }

  @Override
  public void install(
      NodeLayout layout, Path releaseDir, int iteration, int keepFrom, FaultInjector faults) {
    new TestnetInstaller(layoutAt(layout, iteration))
        .install(releaseDir, iteration, keepFrom, faults);
  }

  /**
   * The layout with iteration's testnet folder: the reset's layout names the new iteration's
   * already; a rerun after a crash is given the journal's.
   */
  private static NodeLayout layoutAt(NodeLayout layout, int iteration) {
    return new NodeLayout(
        layout.host(),
        layout.baseDir(),
        layout.testnetOf(iteration),
        layout.wrapper(),
        layout.components());
  }

  @Override
  public boolean hasSlashingDb(Component component) {
    return component.layout().resetPerIteration().stream()
        .map(r -> r.endsWith("/*") ? r.substring(0, r.length() - 2) : r)
        .anyMatch(r -> Files.exists(ConfinedPaths.rulePath(component.dataDir(), r)));
  }

  @Override
  public Optional<Path> slashingArchive(
      NodeLayout layout, Component component, String oldIteration) {
    Path archive =
        new ConfinedPaths(layout.baseDir())
            .inside(layout.baseDir(), layout.slashingArchive(oldIteration, component));
    return Files.isDirectory(archive) ? Optional.of(archive) : Optional.empty();
  }

  @Override
  public boolean exists(Path file) {
    return Files.exists(file);
  }
}
