package dev.ephemery.release;

import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.network.Release;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What verifying an installed release found, kept beside its folder ({@code
 * <root>/.verified-ephemery-<n>.properties}) so that the next command need not read and verify the
 * folder again: reading its files and scanning its three genesis files (about 45 KB each) was the
 * largest part of a {@code plan}'s start. The stamp counts only while the folder is file for file
 * as it was when verified: the same names, sizes, modification and change times and inodes (an
 * edited, replaced, added or removed file, even one written back with its old modification time,
 * changes the change time) and only for the same build of the verifier (the code's location and its
 * modification time). Anything else, or an unreadable stamp, means verifying again. It lives beside
 * the folder, not in it: the folder's contents are digested and copied to the nodes as they are.
 */
final class VerifiedStamp {

  private static final String PREFIX = ".verified-";
  private static final String SUFFIX = ".properties";

  /** The depth {@link ReleaseReader#readFolder} reads to. */
  private static final int MAX_DEPTH = 3;

  private VerifiedStamp() {}

  /** The stamp file of an installed release folder. */
  static Path of(Path folder) {
    return folder.resolveSibling(PREFIX + folder.getFileName() + SUFFIX);
  }

  /** The release the stamp of {@code folder} records, when it still fits the folder as it is. */
  static Optional<Release> read(Path folder, String fingerprint) {
    Path stamp = of(folder);
    if (!Files.isRegularFile(stamp, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(stamp)) {
      properties.load(in);
      if (!fingerprint.equals(properties.getProperty("files"))
          || !verifier().equals(properties.getProperty("verifier"))) {
        return Optional.empty();
      }
      return Optional.of(release(properties));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable or from another version: verify again
    }
  }

  /**
   * Records {@code release} as what {@code folder} verified to when it had {@code fingerprint}
   * (taken before it was read). Best effort: a cache it cannot write to only verifies every time.
   */
  static void write(Path folder, String fingerprint, Release release) {
    Properties properties = new Properties();
    properties.setProperty("files", fingerprint);
    properties.setProperty("verifier", verifier());
    properties.setProperty("iteration", Integer.toString(release.iteration().number()));
    properties.setProperty("chainId", Long.toString(release.chainId().value()));
    properties.setProperty(
        "elGenesisTime", Long.toString(release.elGenesisTime().getEpochSecond()));
    properties.setProperty(
        "clGenesisTime", Long.toString(release.clGenesisTime().getEpochSecond()));
    properties.setProperty("resetPeriod", Long.toString(release.resetPeriod().getSeconds()));
    properties.setProperty("genesisValidatorsRoot", release.genesisValidatorsRoot());
    properties.setProperty("enodeBootnodes", String.join(",", release.enodeBootnodes()));
    properties.setProperty("enrBootnodes", String.join(",", release.enrBootnodes()));
    if (release.genesisBlockHash() != null) {
      properties.setProperty("genesisBlockHash", release.genesisBlockHash());
    }
    store(
        of(folder),
        properties,
        "written by ephemery: what " + folder.getFileName() + " verified to");
  }

  /**
   * Writes {@code properties} to {@code target} whole or not at all (aside, then renamed). Best
   * effort: not logged, since a quiet run never starts the logging framework, and nothing is lost.
   */
  static void store(Path target, Properties properties, String comment) {
    Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID());
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        properties.store(out, comment);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the temporary file is only clutter
      }
    }
  }

  /** Removes the stamp of a folder being deleted. */
  static void delete(Path folder) throws IOException {
    Files.deleteIfExists(of(folder));
  }

  /**
   * The folder's files as {@link ReleaseReader#readFolder} sees them (plain files to depth 3, links
   * never followed), each with its size, modification and change times and inode, in name order.
   * Listed folder by folder rather than with {@code Files.walk}, whose stream machinery costs more
   * at a cold start than the listing itself.
   */
  static String fingerprint(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    list(folder, folder, MAX_DEPTH, lines);
    lines.sort(null);
    return String.join("\n", lines);
  }

  private static void list(Path folder, Path dir, int depth, List<String> lines)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Map<String, Object> attributes =
            Files.readAttributes(
                entry,
                "unix:isRegularFile,isDirectory,size,lastModifiedTime,ctime,ino",
                LinkOption.NOFOLLOW_LINKS);
        if (Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
          lines.add(
              folder.relativize(entry).toString().replace('\\', '/')
                  + " "
                  + attributes.get("size")
                  + " "
                  + nanos(attributes.get("lastModifiedTime"))
                  + " "
                  + nanos(attributes.get("ctime"))
                  + " "
                  + attributes.get("ino"));
        } else if (depth > 1 && Boolean.TRUE.equals(attributes.get("isDirectory"))) {
          list(folder, entry, depth - 1, lines);
        }
      }
    }
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }

  /** The build of the verifier: where its code was loaded from and when that was written. */
  static String verifier() {
    try {
      Path code =
          Path.of(
              dev.ephemery.network.ReleaseVerifier.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      return code + " " + Files.size(code) + " " + nanos(Files.getLastModifiedTime(code));
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return "unknown " + UUID.randomUUID(); // never matches: verify every time
    }
  }

  private static Release release(Properties properties) {
    return new Release(
        new Iteration(Integer.parseInt(required(properties, "iteration"))),
        new ChainId(Long.parseLong(required(properties, "chainId"))),
        Instant.ofEpochSecond(Long.parseLong(required(properties, "elGenesisTime"))),
        Instant.ofEpochSecond(Long.parseLong(required(properties, "clGenesisTime"))),
        Duration.ofSeconds(Long.parseLong(required(properties, "resetPeriod"))),
        required(properties, "genesisValidatorsRoot"),
        list(required(properties, "enodeBootnodes")),
        list(required(properties, "enrBootnodes")),
        properties.getProperty("genesisBlockHash"));
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("stamp without " + key);
    }
    return value;
  }

  private static List<String> list(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }
}
