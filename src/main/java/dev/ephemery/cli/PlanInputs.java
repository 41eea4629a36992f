package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.plan.Preflight;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What plan-reading commands start from: the valid inventory, a verified release and the folder its
 * files are in, all checked by the pre-flight checks before anything is done with them.
 *
 * @param releaseFolder the release files' folder, or null when --release named a tar.gz
 */
record PlanInputs(Inventory inventory, Release release, Path releaseFolder) {

  static PlanInputs load(Path inventoryFile, Path releaseOption) {
    Inventory inventory = InventoryLoader.system().load(inventoryFile);
    PlanInputs inputs =
        releaseOption != null
            ? fromOption(inventory, releaseOption)
            : fromCache(inventory, cacheRoot());
    Preflight.require(inputs.inventory(), inputs.release());
    return inputs;
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
