package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One host's node as the reset sees it.
 *
 * @param baseDir every path the reset writes or deletes is under it
 * @param testnetDir where the installed release's files live (mounted read-only by the clients)
 * @param wrapper true for the wrapper flavor: the images reset themselves, the reset only verifies
 * @param components containers in start order (execution, consensus, validator)
 */
public record NodeLayout(
    String host, Path baseDir, Path testnetDir, boolean wrapper, List<Component> components) {
  public NodeLayout {
    baseDir = baseDir.toAbsolutePath().normalize();
    testnetDir = testnetDir.toAbsolutePath().normalize();
    components = List.copyOf(components);
  }

  public Path slashingArchive(String oldIteration, Component component) {
    return archives(baseDir).resolve(oldIteration).resolve(component.name());
  }

  /** The folder below baseDir that holds every iteration's {@link #slashingArchive}. */
  public static Path archives(Path baseDir) {
    return baseDir.resolve(ARCHIVES);
  }

  /** The iteration a {@link #slashingArchive} folder belongs to; empty for any other folder. */
  public static Optional<Integer> archivedIteration(Path archive) {
    Path iteration = archive.getParent();
    if (iteration == null
        || iteration.getParent() == null
        || !iteration.getParent().getFileName().toString().equals(ARCHIVES)
        || !iteration.getFileName().toString().matches("\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(iteration.getFileName().toString()));
  }

  /** Where iteration {@code iteration}'s release is installed: beside this plan's one. */
  public Path testnetOf(int iteration) {
    return testnetDir.resolveSibling("ephemery-" + iteration);
  }

  private static final String ARCHIVES = "slashing-protection";
}
