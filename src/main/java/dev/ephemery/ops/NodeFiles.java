package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The reset's port to a node's files: which release is installed, staging and installing the new
 * one, the wipe, the slashing databases and their archive. The reset machine reaches the node's
 * files only through here (and the containers only through {@link NodeRuntime}), so a runtime whose
 * files are not on this machine's disk (volumes in a cluster) implements it its own way. On Docker
 * hosts the reset runs where the files are, and {@code runtime.local.LocalNodeFiles} implements it
 * on the disk. Each method is given the layout of the reset at hand (the components, their data
 * folders and rules, baseDir), so one instance serves every reset of the host. Every method must be
 * idempotent: a reset resumed after a crash calls it again.
 */
public interface NodeFiles {

  /** The iteration whose release files are installed, if any. */
  Optional<Integer> installedIteration(NodeLayout layout);

  /** Copies the verified release into a staging folder beside the installed one. */
  void stage(NodeLayout layout, Path releaseDir, int iteration);

  /** What {@link #wipe} would do now, changing nothing. */
  WipePlan planWipe(NodeLayout layout, String oldIteration);

  /**
   * Archives the slashing databases of {@code oldIteration} and deletes the chain data the
   * components' rules name; keys and node identity stay.
   */
  WipePlan wipe(NodeLayout layout, String oldIteration, FaultInjector faults);

  /**
   * Makes the staged release the installed one; the folders of iterations from {@code keepFrom} on
   * stay.
   */
  void install(
      NodeLayout layout, Path releaseDir, int iteration, int keepFrom, FaultInjector faults);

  /** Whether any of the paths the component's slashing-DB rules name exists. */
  boolean hasSlashingDb(Component component);

  /**
   * Where the component's archived slashing database of {@code oldIteration} is: present when
   * WIPING archived one.
   */
  Optional<Path> slashingArchive(NodeLayout layout, Component component, String oldIteration);

  /** Whether the file exists (an export written by an earlier attempt). */
  boolean exists(Path file);
}
