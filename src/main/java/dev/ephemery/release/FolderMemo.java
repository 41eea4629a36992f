package dev.ephemery.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * A value computed from the whole content of an installed release folder (one with a {@link
 * VerifiedStamp}), kept beside it ({@code <root>/.<kind>-ephemery-<n>.properties}) under the
 * stamp's rules: it counts while the folder is file for file as it was when computed (names, sizes,
 * modification and change times, inodes) and the tool is the same build. The release digest that
 * {@code up} compares with the node's copy reads every file (the genesis state is megabytes): about
 * 100 ms of every {@code up}, even one that changes nothing. A folder without a stamp (one given
 * with {@code --release}) is computed every time: nothing is written beside a user's folder.
 */
public final class FolderMemo {

  /** The kinds of memo, so that pruning a release removes each one. */
  static final List<String> KINDS = List.of("digest");

  private FolderMemo() {}

  /**
   * {@code compute(folder)}, or what it gave before while the folder is unchanged. Best effort: a
   * memo that cannot be read or written only costs the computation.
   *
   * @param kind one of {@link #KINDS}
   */
  public static String get(Path folder, String kind, Function<Path, String> compute) {
    if (!KINDS.contains(kind)
        || !Files.isRegularFile(VerifiedStamp.of(folder), LinkOption.NOFOLLOW_LINKS)) {
      return compute.apply(folder);
    }
    String fingerprint;
    try {
      fingerprint = VerifiedStamp.fingerprint(folder) + "\n" + VerifiedStamp.verifier();
    } catch (IOException e) {
      return compute.apply(folder);
    }
    Path memo = of(folder, kind);
    if (Files.isRegularFile(memo, LinkOption.NOFOLLOW_LINKS)) {
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(memo)) {
        properties.load(in);
        if (fingerprint.equals(properties.getProperty("files"))
            && properties.getProperty("value") != null) {
          return properties.getProperty("value");
        }
      } catch (IOException | IllegalArgumentException e) {
        // unreadable: computed again below
      }
    }
    String value = compute.apply(folder);
    write(memo, fingerprint, value);
    return value;
  }

  static Path of(Path folder, String kind) {
    return folder.resolveSibling("." + kind + "-" + folder.getFileName() + ".properties");
  }

  /** Removes the memos of a folder being deleted. */
  static void delete(Path folder) throws IOException {
    for (String kind : KINDS) {
      Files.deleteIfExists(of(folder, kind));
    }
  }

  private static void write(Path memo, String fingerprint, String value) {
    Properties properties = new Properties();
    properties.setProperty("files", fingerprint);
    properties.setProperty("value", value);
    VerifiedStamp.store(memo, properties, "written by ephemery");
  }
}
