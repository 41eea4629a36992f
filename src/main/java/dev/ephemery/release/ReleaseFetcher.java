package dev.ephemery.release;

import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a release from the first source that has a valid one, and installs it in the cache. A source
 * that fails (unreachable, rate-limited, 404, damaged or inconsistent files) is reported and the
 * next one is tried; nothing invalid is ever installed.
 */
public final class ReleaseFetcher {

  private final List<ReleaseSource> sources;
  private final ReleaseCache cache;

  public ReleaseFetcher(List<ReleaseSource> sources, ReleaseCache cache) {
    this.sources = List.copyOf(sources);
    this.cache = cache;
  }

  /**
   * @param tag the release wanted ({@code ephemery-153}), or empty for the latest
   */
  public InstalledRelease fetch(Optional<String> tag) {
    List<Problem> problems = new ArrayList<>();
    Optional<InstalledRelease> cached = cached(tag);
    if (cached.isPresent()) {
      return cached.get(); // a given iteration never changes once verified
    }
    for (ReleaseSource source : sources) {
      Path work = cache.root().resolve(".incoming-" + UUID.randomUUID());
      try {
        Files.createDirectories(work);
        ReleaseSource.Fetched fetched = source.fetch(tag, work);
        Optional<String> expected = tag.isPresent() ? tag : fetched.tag();
        return cache.install(fetched.path(), expected, fetched.origin(), fetched.sha256());
      } catch (SourceException e) {
        Log.LOG.info("source {} failed: {}", source.name(), e.getMessage());
        String hint = e.retryAfter().map(at -> "retry after " + at).orElse("");
        problems.add(Problem.at(source.name(), 0, e.getMessage(), hint));
      } catch (ReleaseRejectedException e) {
        Log.LOG.warn("source {} gave a release that was refused: {}", source.name(), e.problems());
        for (String problem : e.problems()) {
          problems.add(Problem.at(source.name(), 0, problem, "not installed"));
        }
      } catch (IOException e) {
        problems.add(Problem.at(source.name(), 0, "local I/O failed: " + e.getMessage(), ""));
      } finally {
        Trees.deleteQuietly(work);
      }
    }
    if (problems.isEmpty()) {
      problems.add(Problem.of("sources", "no release source configured"));
    }
    throw new OperationalException(problems, null);
  }

  private Optional<InstalledRelease> cached(Optional<String> tag) {
    if (tag.isEmpty() || !tag.get().matches("ephemery-\\d+")) {
      return Optional.empty();
    }
    try {
      int number = Integer.parseInt(tag.get().substring("ephemery-".length()));
      return cache.installed(new dev.ephemery.network.Iteration(number));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Loaded on the first log line only: a quiet run never starts the logging framework. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ReleaseFetcher.class);
  }
}
