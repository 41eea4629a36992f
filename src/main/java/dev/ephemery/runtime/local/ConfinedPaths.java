package dev.ephemery.runtime.local;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File operations that cannot leave {@code baseDir}: paths are checked lexically (no {@code ..}, no
 * absolute rule paths) and physically (no symlink on the way down from baseDir), and trees are
 * deleted without following links (a link is removed as a link).
 */
public final class ConfinedPaths {

  private final Path base;

  public ConfinedPaths(Path baseDir) {
    try {
      this.base = baseDir.toAbsolutePath().normalize().toRealPath();
    } catch (IOException e) {
      throw new OperationalException(
          baseDir.toString(), "baseDir does not exist", "run 'ephemery up' first", e);
    }
  }

  public Path base() {
    return base;
  }

  /** Maps an absolute path under the (possibly symlinked) configured baseDir onto the real one. */
  public Path inside(Path configuredBase, Path path) {
    Path normal = path.toAbsolutePath().normalize();
    Path configured = configuredBase.toAbsolutePath().normalize();
    if (!normal.startsWith(configured)) {
      throw InvalidInputException.of(
          path.toString(), "path is outside the host's baseDir " + configured, "");
    }
    return base.resolve(configured.relativize(normal));
  }

  /**
   * A rule path ({@code geth/nodekey}) under {@code dir}; refuses absolute paths and {@code ..}.
   */
  public static Path rulePath(Path dir, String rule) {
    if (rule.isBlank() || rule.startsWith("/") || rule.contains("\\")) {
      throw InvalidInputException.of(rule, "wipe rule paths must be relative to the data dir", "");
    }
    for (String segment : rule.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw InvalidInputException.of(rule, "wipe rule paths must not contain '..' or '.'", "");
      }
    }
    return dir.resolve(rule).normalize();
  }

  /**
   * True when {@code path} is under baseDir and no folder between baseDir and path is a symlink.
   * The path itself may be a link (it is then handled as a link, never followed).
   */
  public boolean safe(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(base) || normal.equals(base)) {
      return false;
    }
    Path current = base;
    for (Path segment : base.relativize(normal.getParent() == null ? base : normal.getParent())) {
      current = current.resolve(segment);
      if (Files.isSymbolicLink(current)) {
        return false;
      }
    }
    return true;
  }

  /** Deletes {@code path} and everything under it, never following a link; gone already is fine. */
  public void delete(Path path) {
    if (!safe(path)) {
      throw new OperationalException(
          path.toString(),
          "refusing to delete a path outside baseDir or behind a symlink",
          "check the host's data folders for symlinks",
          null);
    }
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.deleteIfExists(path);
        return;
      }
      // walkFileTree does not follow links by default: a link inside is visited as a file.
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // Deleted meanwhile: what we wanted.
    } catch (IOException e) {
      throw new OperationalException(
          path.toString(), "cannot delete: " + e.getMessage(), "check file ownership", e);
    }
  }

  /**
   * Flushes a copied file or tree, and the folder holding it, to disk (a missing path is fine):
   * what follows may delete the original.
   */
  public void sync(Path target) {
    try {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (var tree = Files.walk(target)) {
        for (Path path : tree.filter(p -> !Files.isSymbolicLink(p)).toList()) {
          force(path);
        }
      }
      force(target.getParent());
    } catch (IOException e) {
      throw new OperationalException(
          target.toString(), "cannot flush the copy to disk: " + e.getMessage(), "", e);
    }
  }

  private static void force(Path path) throws IOException {
    // A folder opened for reading can be fsynced on Linux; elsewhere that may be refused.
    try (var channel =
        java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      if (!Files.isDirectory(path)) {
        throw e;
      }
    }
  }

  /** Copies a file or tree to {@code target} (replacing it), links copied as links. */
  public void copy(Path source, Path target) {
    if (!safe(source) || !safe(target)) {
      throw new OperationalException(
          source + " -> " + target,
          "refusing to copy outside baseDir or through a symlink",
          "",
          null);
    }
    try {
      Files.createDirectories(target.getParent());
      if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(
            source,
            target,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
            LinkOption.NOFOLLOW_LINKS);
        return;
      }
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(target.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  target.resolve(source.relativize(file).toString()),
                  java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                  java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
                  LinkOption.NOFOLLOW_LINKS);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new OperationalException(
          source.toString(), "cannot copy to " + target + ": " + e.getMessage(), "", e);
    }
  }
}
