package dev.ephemery.runtime;

import dev.ephemery.client.DerivedReleaseFiles;
import dev.ephemery.network.ReleaseFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The files derived from a release folder ({@link DerivedReleaseFiles}), read and written for the
 * paths that copy a release: {@code up} (HostFiles), the reset (TestnetInstaller) and the compose
 * export. The release marker's digest covers them too, so a copy made by one path is current for
 * the others.
 */
public final class ReleaseCopy {

  private ReleaseCopy() {}

  /** Relative name to content of the files derived from {@code releaseDir}. */
  public static SortedMap<String, byte[]> derivedFiles(Path releaseDir) {
    Path config = releaseDir.resolve(DerivedReleaseFiles.SOURCE);
    try {
      if (!Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
        return DerivedReleaseFiles.of(ReleaseFiles.of(Map.of()));
      }
      return DerivedReleaseFiles.of(
          ReleaseFiles.of(Map.of(DerivedReleaseFiles.SOURCE, Files.readAllBytes(config))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the derived files of {@code releaseDir} into {@code target}, its copy. */
  public static List<Path> writeDerived(Path releaseDir, Path target) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : derivedFiles(releaseDir).entrySet()) {
      Path dest = target.resolve(file.getKey());
      Files.createDirectories(dest.getParent());
      Files.write(dest, file.getValue());
      written.add(dest);
    }
    return written;
  }
}
