package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.plan.Preflight;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.ReleaseReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What plan-reading commands start from: the valid inventory, a verified release and the folder its
 * files are in, all checked by the pre-flight checks before anything is done with them.
 *
 * @param releaseFolder the release files' folder, or null when --release named a tar.gz
 */
record PlanInputs(Inventory inventory, Release release, Path releaseFolder) {

  static PlanInputs load(Path inventoryFile, Path releaseOption) {
    return load(inventoryFile, releaseOption, false);
  }

  /**
   * @param fetchWhenEmpty with no --release and an empty cache, fetch the latest published release
   *     (what {@code up} on a new machine needs) instead of failing
   */
  static PlanInputs load(Path inventoryFile, Path releaseOption, boolean fetchWhenEmpty) {
    InventoryLoader loader = InventoryLoader.system();
    Inventory inventory = loader.load(inventoryFile);
    if (releaseOption == null && fetchWhenEmpty) {
      fetchLatestIfCacheEmpty(cacheRoot(), System.getenv());
    }
    PlanInputs inputs =
        releaseOption != null
            ? fromOption(inventory, releaseOption)
            : fromCache(inventory, cacheRoot());
    List<Problem> problems = Preflight.check(inputs.inventory(), inputs.release());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          ProblemLines.locate(problems, ProblemLines.textOf(loader.resolve(inventoryFile))));
    }
    return inputs;
  }

  /**
   * The warning for a release whose period has ended at {@code now}: planning from it is allowed (a
   * node can be prepared ahead, or a test chain rebuilt), but not silently.
   */
  static java.util.Optional<String> expiredWarning(Release release, java.time.Instant now) {
    return dev.ephemery.network.ReleaseAge.expired(release, now)
        .map(
            expired ->
                expired.describe()
                    + ": a node started from it joins a chain that is no longer running; run"
                    + " 'ephemery genesis fetch' for the current release");
  }

  /** Tests point this at a folder of their own; null means the user's cache. */
  static Path cacheRootOverride;

  static Path cacheRoot() {
    if (cacheRootOverride != null) {
      return cacheRootOverride;
    }
    return ReleaseCache.defaultRoot(System.getenv(), System.getProperty("user.home", "/"));
  }

  private static PlanInputs fromOption(Inventory inventory, Path release) {
    try {
      Release verified =
          ReleaseVerifier.verify(ReleaseReader.read(release)).requireValid(release.toString());
      return new PlanInputs(inventory, verified, Files.isDirectory(release) ? release : null);
    } catch (IOException e) {
      throw new OperationalException(
          release.toString(), "cannot read the release: " + e.getMessage(), "", e);
    }
  }

  /** Returns true when it fetched. Sources and their base URLs come from {@code env}. */
  static boolean fetchLatestIfCacheEmpty(Path root, java.util.Map<String, String> env) {
    ReleaseCache cache = new ReleaseCache(root);
    try {
      if (cache.latestInstalled().isPresent()) {
        return false;
      }
    } catch (IOException e) {
      throw new OperationalException(
          root.toString(), "cannot read the release cache: " + e.getMessage(), "", e);
    }
    // On Java 17, which the tool targets, console() is null without a terminal (JDK 22 changed
    // that).
    @SuppressWarnings("SystemConsoleNull")
    PrintStream progress = System.console() != null ? System.err : null;
    System.err.println("no release in the cache " + root + ": fetching the latest published one");
    new ReleaseFetcher(
            NetworkSources.DEFAULTS.create(env, root, Downloader.Settings.DEFAULT, progress), cache)
        .fetch(Optional.empty());
    return true;
  }

  static PlanInputs fromCache(Inventory inventory, Path root) {
    Optional<InstalledRelease> latest;
    try {
      latest = new ReleaseCache(root).latestInstalled();
    } catch (IOException e) {
      throw new OperationalException(
          root.toString(), "cannot read the release cache: " + e.getMessage(), "", e);
    }
    InstalledRelease installed =
        latest.orElseThrow(
            () ->
                InvalidInputException.of(
                    "--release",
                    "no release given and none in the release cache " + root,
                    "run 'ephemery genesis fetch' first, or pass --release DIR"));
    return new PlanInputs(inventory, installed.release(), installed.folder());
  }
}
