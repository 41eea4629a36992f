package dev.ephemery.release;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.network.ReleaseFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads a release folder or tar.gz into {@link ReleaseFiles} for the (pure) parser. */
public final class ReleaseReader {

  /** Files only their head is needed of: the beacon state is tens of MiB on a busy network. */
  private static final Set<String> HEAD_ONLY = Set.of("genesis.ssz", "parsedBeaconState.json");

  private static final int HEAD_BYTES = 4096;
  private static final long MAX_TEXT_BYTES = 64L << 20;
  private static final int MAX_DEPTH = 3;

  private ReleaseReader() {}

  /** A folder, or a tar.gz that is unpacked safely into a temporary folder first. */
  public static ReleaseFiles read(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return readFolder(path);
    }
    if (!Files.isRegularFile(path)) {
      throw InvalidInputException.of(
          path.toString(), "no such folder or file", "give a release folder or a tar.gz");
    }
    Path temp = Files.createTempDirectory("ephemery-release-");
    Path unpacked = temp.resolve("release");
    try {
      new SafeExtractor().extract(path, unpacked);
      return readFolder(ReleaseLayout.releaseRoot(unpacked));
    } catch (ArchiveRejectedException e) {
      throw new InvalidInputException(
          Problem.at(
              path.toString(),
              0,
              "archive refused: " + e.getMessage(),
              "a release is a flat tar.gz of plain files"));
    } finally {
      Trees.deleteQuietly(temp);
    }
  }

  public static ReleaseFiles readFolder(Path folder) throws IOException {
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    try (var paths = Files.walk(folder, MAX_DEPTH, new FileVisitOption[0])) {
      for (Path file : (Iterable<Path>) paths::iterator) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue; // links are not part of a release and are never followed
        }
        String name = folder.relativize(file).toString().replace('\\', '/');
        long size = Files.size(file);
        sizes.put(name, size);
        if (HEAD_ONLY.contains(file.getFileName().toString())) {
          contents.put(name, head(file));
        } else if (size <= MAX_TEXT_BYTES) {
          contents.put(name, Files.readAllBytes(file));
        }
      }
    }
    return new ReleaseFiles(contents, sizes);
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(HEAD_BYTES);
    }
  }
}
