package dev.ephemery.ops;

import dev.ephemery.common.OperationalException;
import dev.ephemery.network.Iteration;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A reset's releases from the cache of verified releases (the cache verifies on install). */
public final class CachedReleases implements VerifiedReleases {

  private final ReleaseCache cache;

  public CachedReleases(ReleaseCache cache) {
    this.cache = cache;
  }

  @Override
  public Optional<Path> verified(int iteration) {
    return installed(iteration).map(InstalledRelease::folder);
  }

  /** The verified release of {@code iteration} in the cache, if it is there. */
  public Optional<InstalledRelease> installed(int iteration) {
    try {
      return cache.installed(new Iteration(iteration));
    } catch (IOException e) {
      throw new OperationalException(
          cache.root().toString(), "cannot read the release cache: " + e.getMessage(), "", e);
    }
  }

  /**
   * The release an unfinished reset to {@code iteration} needs; gone from the cache: how to fetch
   * it.
   */
  public InstalledRelease forUnfinishedReset(int iteration) {
    return installed(iteration)
        .orElseThrow(
            () ->
                new OperationalException(
                    cache.root().toString(),
                    "the release of an unfinished reset (iteration "
                        + iteration
                        + ") is not in the cache",
                    "run 'ephemery genesis fetch --iteration " + iteration + "'",
                    null));
  }
}
