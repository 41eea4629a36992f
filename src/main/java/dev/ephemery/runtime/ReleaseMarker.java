package dev.ephemery.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * The marker an installed release folder carries: the content digest of the release it was copied
 * from. {@code up} replaces a planned release folder whose marker differs; whoever else installs a
 * release (the reset) writes the same marker, so {@code up} then leaves the folder alone.
 */
public final class ReleaseMarker {

  public static final String FILE = ".ephemery-release-sha256";

  private ReleaseMarker() {}

  /**
   * Content digest of a release folder as it is copied: its files (relative names and bytes, in
   * name order), then the files derived from it ({@link ReleaseCopy}), so a change in what is
   * derived makes {@code up} replace the copy too. A derived file found in the folder (a copy given
   * back as a release) is left to the derivation.
   */
  public static String digest(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      SortedMap<String, byte[]> derived = ReleaseCopy.derivedFiles(dir);
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(file).toString();
        if (!derived.containsKey(name)) {
          update(digest, name, Files.readAllBytes(file));
        }
      }
      derived.forEach((name, bytes) -> update(digest, name, bytes));
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String name, byte[] bytes) {
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(bytes);
  }

  /** Writes the marker of {@code releaseDir} into {@code installed}, a copy of it. */
  public static void write(Path installed, Path releaseDir) throws IOException {
    Files.writeString(installed.resolve(FILE), digest(releaseDir) + "\n");
  }
}
