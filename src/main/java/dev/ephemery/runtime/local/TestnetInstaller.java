package dev.ephemery.runtime.local;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.ResetState;
import dev.ephemery.runtime.ReleaseCopy;
import dev.ephemery.runtime.ReleaseMarker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs a release as the node's testnet folder: the files are staged beside it as {@code
 * <name>.next} (complete, with a marker naming the release), then swapped in by rename. A crash at
 * any point leaves either the old folder, or a complete staged one that the rerun swaps in.
 */
public final class TestnetInstaller {

  static final String MARKER = ".ephemery-release";
  private static final Pattern ITERATION =
      Pattern.compile("(?m)^\\s*(?:export\\s+)?ITERATION_NUMBER=\"?(\\d+)\"?\\s*$");

  private final ConfinedPaths paths;
  private final Path testnet;

  public TestnetInstaller(NodeLayout layout) {
    this.paths = new ConfinedPaths(layout.baseDir());
    this.testnet = paths.inside(layout.baseDir(), layout.testnetDir());
  }

  /**
   * The newest iteration installed beside the target: each iteration has its own folder ({@code
   * testnet/ephemery-<i>}), complete when it holds the marker this installer writes or the
   * release's retention.vars.
   */
  public Optional<Integer> installedIteration() {
    Path parent = testnet.getParent();
    if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (var dirs = Files.list(parent)) {
      return dirs.filter(d -> d.getFileName().toString().matches("ephemery-\\d+"))
          .map(TestnetInstaller::iterationOf)
          .flatMap(Optional::stream)
          .max(Integer::compare);
    } catch (IOException e) {
      throw new OperationalException(parent.toString(), "cannot list installed releases", "", e);
    }
  }

  public static Optional<Integer> iterationOf(Path dir) {
    try {
      Path marker = dir.resolve(MARKER);
      if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(Integer.parseInt(Files.readString(marker).trim()));
      }
      Path vars = dir.resolve("retention.vars");
      if (Files.isRegularFile(vars, LinkOption.NOFOLLOW_LINKS)) {
        Matcher m = ITERATION.matcher(Files.readString(vars, StandardCharsets.UTF_8));
        if (m.find()) {
          return Optional.of(Integer.parseInt(m.group(1)));
        }
      }
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Stages {@code releaseDir} as {@code <name>.next} (complete, marked) unless it or the installed
   * folder already holds {@code iteration}. The staged folder is inert: nothing mounts it and
   * {@link #installedIteration} does not see it, so this may run while the old iteration still runs
   * (the reset does it in FETCHED, off the path from the first stop to the last start).
   */
  public void stage(Path releaseDir, int iteration) {
    try {
      stageIfMissing(releaseDir, iteration);
    } catch (IOException e) {
      throw new OperationalException(
          testnet.toString(), "cannot stage release files: " + e.getMessage(), "", e);
    }
  }

  private void stageIfMissing(Path releaseDir, int iteration) throws IOException {
    Path next = testnet.resolveSibling(testnet.getFileName() + ".next");
    Path staging = testnet.resolveSibling(testnet.getFileName() + ".next.tmp");
    if (iterationOf(testnet).filter(i -> i == iteration).isPresent()
        || iterationOf(next).filter(i -> i == iteration).isPresent()) {
      return;
    }
    paths.delete(staging);
    paths.delete(next);
    copyRelease(releaseDir, staging);
    Files.writeString(staging.resolve(MARKER), iteration + "\n");
    // The runtime's marker and mode for a planned release folder: with them its up finds the
    // folder current and leaves it alone (no second copy through a helper container).
    ReleaseMarker.write(staging, releaseDir);
    setMode(staging, "rwxr-xr-x");
    Files.move(staging, next, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Installs {@code releaseDir} as iteration {@code iteration} (staging it first unless {@link
   * #stage} did), then prunes the folders of iterations before {@code keepFrom}.
   */
  public void install(Path releaseDir, int iteration, int keepFrom, FaultInjector faults) {
    Path next = testnet.resolveSibling(testnet.getFileName() + ".next");
    Path previous = testnet.resolveSibling(testnet.getFileName() + ".prev");
    try {
      if (iterationOf(testnet).filter(i -> i == iteration).isEmpty()) {
        stageIfMissing(releaseDir, iteration);
        faults.at("mid:" + ResetState.INSTALLING);
        if (Files.exists(testnet, LinkOption.NOFOLLOW_LINKS)) {
          paths.delete(previous);
          Files.move(testnet, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(next, testnet, StandardCopyOption.ATOMIC_MOVE);
        JournalStore.fsyncDirectory(testnet.getParent());
      }
      paths.delete(previous);
      pruneOlderThan(keepFrom);
    } catch (IOException e) {
      throw new OperationalException(
          testnet.toString(), "cannot install release files: " + e.getMessage(), "", e);
    }
  }

  /** Folders of iterations before {@code keepFrom} go, and leftovers of their installs. */
  private void pruneOlderThan(int keepFrom) throws IOException {
    try (var dirs = Files.list(testnet.getParent())) {
      for (Path dir : dirs.toList()) {
        String name = dir.getFileName().toString();
        if (name.matches("ephemery-\\d+(\\.next(\\.tmp)?|\\.prev)?")) {
          int number = Integer.parseInt(name.replaceAll("^ephemery-(\\d+).*$", "$1"));
          if (number < keepFrom) {
            paths.delete(dir);
          }
        }
      }
    }
  }

  private static void setMode(Path dir, String mode) throws IOException {
    if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
    }
  }

  private void copyRelease(Path releaseDir, Path target) throws IOException {
    // The release cache may live outside baseDir: read from it, write only under baseDir.
    if (!paths.safe(target)) {
      throw new IOException("staging folder is outside baseDir or behind a symlink: " + target);
    }
    Files.createDirectories(target);
    try (var files = Files.walk(releaseDir)) {
      for (Path source : files.toList()) {
        Path dest = target.resolve(releaseDir.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(dest);
        } else if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    // The files clients need beside the release's (prysm's config), as up copies them.
    ReleaseCopy.writeDerived(releaseDir, target);
  }
}
