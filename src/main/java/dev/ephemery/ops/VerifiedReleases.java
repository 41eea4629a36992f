package dev.ephemery.ops;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a reset gets its release: the cache of verified releases (fetching if needed). Not to be
 * confused with {@code release.ReleaseSource}, one origin a release is fetched from.
 */
public interface VerifiedReleases {

  /**
   * The folder holding the verified files of {@code iteration}, or empty while it is not published
   * yet. Throws when it is published but fails verification.
   */
  Optional<Path> verified(int iteration);
}
