package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.Optional;

/** Where a reset gets its release: the cache of verified releases (fetching if needed). */
public interface ReleaseSource {

  /**
   * The folder holding the verified files of {@code iteration}, or empty while it is not published
   * yet. Throws when it is published but fails verification.
   */
  Optional<Path> verified(int iteration);
}
