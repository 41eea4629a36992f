package dev.ephemery.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Where the release files sit inside an unpacked archive. */
final class ReleaseLayout {

  private ReleaseLayout() {}

  /**
   * The folder holding config.yaml: the archive root (Ephemery's tar is flat), or its single
   * top-level folder when a copy was packed with one.
   */
  static Path releaseRoot(Path unpacked) throws IOException {
    if (Files.exists(unpacked.resolve("config.yaml"), LinkOption.NOFOLLOW_LINKS)) {
      return unpacked;
    }
    try (var children = Files.list(unpacked)) {
      List<Path> all = children.toList();
      if (all.size() == 1 && Files.isDirectory(all.get(0), LinkOption.NOFOLLOW_LINKS)) {
        return all.get(0);
      }
    }
    return unpacked;
  }
}
