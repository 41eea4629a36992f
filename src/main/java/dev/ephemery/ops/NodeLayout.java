package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.List;

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
    return baseDir.resolve("slashing-protection").resolve(oldIteration).resolve(component.name());
  }
}
