package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.ops.CachedReleases;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code reset} and {@code history} share: picking hosts and the target release. */
final class ResetTargets {

  private ResetTargets() {}

  static List<Host> hosts(Inventory inventory, String hostName) {
    if (hostName == null) {
      return inventory.hosts();
    }
    return List.of(
        inventory
            .host(hostName)
            .orElseThrow(
                () ->
                    InvalidInputException.of(
                        "--host",
                        "no host named '" + hostName + "' in " + inventory.source(),
                        "hosts: "
                            + String.join(
                                ", ", inventory.hosts().stream().map(Host::name).toList()))));
  }

  /**
   * The supervisor works on the host's files and containers: it runs on the host itself, or, for a
   * Kubernetes host, wherever it reaches the cluster (its Deployment, or this machine).
   */
  static void requireLocal(Host host) {
    if (host.address() instanceof Address.Ssh) {
      throw InvalidInputException.of(
          "hosts." + host.name() + ".address",
          "run supervises the host it runs on; " + host.address().uri() + " is remote",
          "'ephemery up' starts the supervisor on "
              + host.name()
              + " (supervisor.enabled); reset and history reach it from here");
    }
  }

  /** The release folder named by {@code --release}, verified, or the newest in the cache. */
  static InstalledRelease release(Path releaseDir) {
    if (releaseDir != null) {
      try {
        if (!Files.isDirectory(releaseDir)) {
          throw InvalidInputException.of(
              "--release", releaseDir + " is not a folder", "pass an unpacked release folder");
        }
        Release release =
            ReleaseVerifier.verify(ReleaseReader.readFolder(releaseDir), Optional.empty())
                .requireValid(releaseDir.toString());
        return new InstalledRelease(
            release, releaseDir.toAbsolutePath().normalize(), "", releaseDir.toString());
      } catch (IOException e) {
        throw new OperationalException(
            releaseDir.toString(), "cannot read the release: " + e.getMessage(), "", e);
      }
    }
    ReleaseCache cache = cache();
    try {
      return cache
          .latestInstalled()
          .orElseThrow(
              () ->
                  new OperationalException(
                      cache.root().toString(),
                      "no verified release in the cache",
                      "run 'ephemery genesis fetch' first, or pass --release DIR",
                      null));
    } catch (IOException e) {
      throw new OperationalException(
          cache.root().toString(), "cannot read the release cache: " + e.getMessage(), "", e);
    }
  }

  static ReleaseCache cache() {
    return new ReleaseCache(
        ReleaseCache.defaultRoot(System.getenv(), System.getProperty("user.home")));
  }

  /**
   * The release an unfinished reset goes to: its own iteration's, from the cache, even when a newer
   * one has arrived since it began (the newer one is the next reset's); without one, {@code
   * newest}.
   */
  static InstalledRelease resumeTarget(
      Optional<ResetJournal> unfinished, InstalledRelease newest, ReleaseCache cache) {
    if (unfinished.isEmpty()
        || unfinished.get().toIteration() == newest.release().iteration().number()) {
      return newest;
    }
    return new CachedReleases(cache).forUnfinishedReset(unfinished.get().toIteration());
  }
}
