package dev.ephemery.runtime.docker;

import dev.ephemery.common.InvalidInputException;
import java.nio.file.Path;

/**
 * Resolves host paths against a node's baseDir and refuses any that leave it: the tool writes and
 * deletes only below baseDir.
 */
public record HostPaths(Path baseDir) {

  /** Where baseDir is mounted inside the helper container. */
  public static final String MOUNT = "/ephemery-base";

  public HostPaths {
    if (!baseDir.isAbsolute()) {
      throw InvalidInputException.of(
          "baseDir", "baseDir '" + baseDir + "' is not absolute", "write a full path like /data");
    }
    baseDir = baseDir.normalize();
    if (baseDir.getNameCount() == 0) {
      throw InvalidInputException.of(
          "baseDir", "baseDir must not be '/'", "choose a folder for the node's data, e.g. /data");
    }
  }

  public static HostPaths of(String baseDir) {
    return new HostPaths(Path.of(baseDir));
  }

  /** The absolute host path; relative paths are taken relative to baseDir. */
  public Path onHost(String where, String path) {
    Path resolved = baseDir.resolve(path).normalize();
    if (!resolved.startsWith(baseDir)) {
      throw InvalidInputException.of(
          where,
          "path '" + path + "' is outside baseDir " + baseDir,
          "the tool only writes below baseDir; move the path under it");
    }
    return resolved;
  }

  /**
   * A bind-mount source: below baseDir, or anywhere when read-only (e.g. the inventory's keysDir,
   * which the containers only read and the tool never writes).
   */
  public Path mountSource(String where, String source, boolean readOnly) {
    Path resolved = baseDir.resolve(source).normalize();
    return readOnly ? resolved : onHost(where, source);
  }

  /** The same path as the helper container sees it. */
  public String inHelper(String where, String path) {
    return inView(MOUNT, where, path);
  }

  /** The same path as one who sees baseDir at {@code root} sees it. */
  public String inView(String root, String where, String path) {
    Path relative = baseDir.relativize(onHost(where, path));
    return relative.toString().isEmpty() ? root : root + "/" + relative;
  }

  /**
   * Whether a symbolic link sits between baseDir and {@code hostPath} (that path included): in the
   * helper container it resolves inside the container, from this machine it may lead out of
   * baseDir.
   */
  public boolean linkBelowBaseDir(Path hostPath) {
    Path at = baseDir;
    for (Path name : baseDir.relativize(hostPath.normalize())) {
      at = at.resolve(name);
      if (java.nio.file.Files.isSymbolicLink(at)) {
        return true;
      }
    }
    return false;
  }

  public boolean isBaseDir(Path hostPath) {
    return hostPath.normalize().equals(baseDir);
  }
}
