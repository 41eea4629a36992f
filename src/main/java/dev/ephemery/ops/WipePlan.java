package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.List;

/**
 * What a wipe will do now, computed from the files that exist: the paths to delete and to keep, the
 * slashing DBs to archive first, and what was refused (symlinks, paths outside baseDir).
 */
public record WipePlan(
    List<Path> delete, List<Path> keep, List<Archive> archive, List<String> refused) {
  public WipePlan {
    delete = List.copyOf(delete);
    keep = List.copyOf(keep);
    archive = List.copyOf(archive);
    refused = List.copyOf(refused);
  }

  /** A slashing-protection file or folder copied to {@code target} before it is deleted. */
  public record Archive(Path source, Path target) {}
}
