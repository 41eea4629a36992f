package dev.ephemery.supervisor;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.network.Iteration;
import dev.ephemery.network.Release;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.SourceException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the GitHub API for the latest tag (ETag-cached: an unchanged answer costs no rate limit),
 * fetches and verifies a tag it has not seen into the cache, and answers with the newest verified
 * release in the cache. A source that fails leaves the cache as it is.
 */
public final class ReleaseWatcher implements Supervisor.Releases {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatcher.class);

  private final GitHubReleases api;
  private final ReleaseFetcher fetcher;
  private final ReleaseCache cache;

  public ReleaseWatcher(GitHubReleases api, ReleaseFetcher fetcher, ReleaseCache cache) {
    this.api = api;
    this.fetcher = fetcher;
    this.cache = cache;
  }

  private boolean cached(String tag) {
    try {
      return tag.matches("ephemery-\\d+")
          && cache.installed(new Iteration(Integer.parseInt(tag.substring(9)))).isPresent();
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  @Override
  public Optional<Release> latestVerified() {
    poll();
    return newestInCache(cache);
  }

  /**
   * Asks the source for the latest tag and fetches a new one into the cache.
   *
   * @return false when the source failed (the cache is left as it was)
   */
  public boolean poll() {
    try {
      String tag = api.latest().tag();
      if (!cached(tag)) {
        // "Latest" again rather than by tag: the ETag'd answer costs no second counted API call.
        fetcher.fetch(Optional.empty());
      }
      return true;
    } catch (SourceException | EphemeryException e) {
      LOG.warn("release check failed, using the cache: {}", e.getMessage());
      return false;
    }
  }

  /** The newest verified release in the cache; empty (with a warning) when it cannot be read. */
  static Optional<Release> newestInCache(ReleaseCache cache) {
    try {
      return cache.latestInstalled().map(InstalledRelease::release);
    } catch (IOException e) {
      LOG.warn("cannot read the release cache: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
