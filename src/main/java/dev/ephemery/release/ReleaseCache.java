package dev.ephemery.release;

import dev.ephemery.network.Iteration;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerification;
import dev.ephemery.network.ReleaseVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified releases on disk, one folder per iteration: {@code <root>/ephemery-<n>/}. A release is
 * unpacked and verified in a hidden work folder under the root and renamed into place only when
 * valid, so a folder named {@code ephemery-<n>} is always complete. Deletes never leave the root.
 */
public final class ReleaseCache {

  private static final Pattern FOLDER = Pattern.compile("ephemery-(\\d+)");
  static final String METADATA = ".ephemery-release.properties";
  private static final String WORK_PREFIX = ".incoming-";

  private final Path root;
  private final SafeExtractor extractor;

  public ReleaseCache(Path root, SafeExtractor extractor) {
    this.root = root.toAbsolutePath().normalize();
    this.extractor = extractor;
  }

  public ReleaseCache(Path root) {
    this(root, new SafeExtractor());
  }

  /**
   * {@code $EPHEMERY_RELEASE_CACHE}, else {@code $XDG_CACHE_HOME/ephemery/releases}, else {@code
   * ~/.cache/ephemery/releases}.
   */
  public static Path defaultRoot(Map<String, String> env, String userHome) {
    String configured = env.get("EPHEMERY_RELEASE_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
    return cache.resolve("ephemery").resolve("releases");
  }

  public Path root() {
    return root;
  }

  public Path folderFor(Iteration iteration) {
    return root.resolve(iteration.releaseTag());
  }

  /** Every installed release that still verifies, oldest first. */
  public List<InstalledRelease> installedReleases() throws IOException {
    List<InstalledRelease> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    try (var children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        Matcher matcher = FOLDER.matcher(child.getFileName().toString());
        if (matcher.matches() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          load(child).ifPresent(found::add);
        }
      }
    }
    found.sort(Comparator.comparing(installed -> installed.release().iteration()));
    return found;
  }

  public Optional<InstalledRelease> latestInstalled() throws IOException {
    List<InstalledRelease> all = installedReleases();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public Optional<InstalledRelease> installed(Iteration iteration) throws IOException {
    Path folder = folderFor(iteration);
    return Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) ? load(folder) : Optional.empty();
  }

  /**
   * Unpacks (or copies) {@code source}, verifies it and moves it into place as one rename. An
   * invalid release leaves nothing behind. Installing the same release again changes nothing.
   * Iterations older than the one before the new one are pruned.
   *
   * @param source a tar.gz or a release folder
   * @param expectedTag the tag it was fetched as, when known
   */
  public InstalledRelease install(
      Path source, Optional<String> expectedTag, String origin, String sha256)
      throws ReleaseRejectedException, IOException {
    Files.createDirectories(root);
    Path work = root.resolve(WORK_PREFIX + UUID.randomUUID());
    try {
      Path staged = stage(source, work, origin);
      ReleaseVerification verification =
          ReleaseVerifier.verify(ReleaseReader.readFolder(staged), expectedTag);
      if (!verification.valid()) {
        throw new ReleaseRejectedException(origin, verification.problemTexts());
      }
      Iteration iteration = verification.release().iteration();
      Path target = folderFor(iteration);
      Optional<InstalledRelease> existing = installed(iteration);
      if (existing.isPresent() && existing.get().sha256().equals(sha256)) {
        return existing.get();
      }
      writeMetadata(staged, sha256, origin);
      try (CacheLock lock = CacheLock.acquire(root)) {
        // Under the lock, another process (the supervisor, a manual fetch) may have just put the
        // same release in place: then there is nothing to do.
        Optional<InstalledRelease> raced = installed(iteration);
        if (raced.isPresent() && raced.get().sha256().equals(sha256)) {
          return raced.get();
        }
        replace(staged, target);
        // Verified above, file for file what was moved into place: the next load need not.
        VerifiedStamp.write(target, VerifiedStamp.fingerprint(target), verification.release());
        pruneOlderThan(new Iteration(Math.max(0, iteration.number() - 1)));
      }
      return new InstalledRelease(verification.release(), target, sha256, origin);
    } finally {
      Trees.deleteQuietly(work);
    }
  }

  /**
   * Deletes installed iterations older than {@code keepFrom} and abandoned work folders. Call it
   * with the running iteration once the node runs on it: the previous one is kept until then.
   *
   * @return the folders deleted
   */
  public List<Path> pruneOlderThan(Iteration keepFrom) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return deleted;
    }
    try (var children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        Matcher matcher = FOLDER.matcher(name);
        boolean old = matcher.matches() && Integer.parseInt(matcher.group(1)) < keepFrom.number();
        boolean abandoned = name.startsWith(".replaced-");
        if ((old || abandoned) && child.normalize().startsWith(root)) {
          Trees.delete(child);
          VerifiedStamp.delete(child);
          FolderMemo.delete(child);
          deleted.add(child);
          Log.LOG.info("pruned {}", child);
        }
      }
    }
    return deleted;
  }

  /** One installer at a time per cache root, across threads and processes. */
  private static final class CacheLock implements AutoCloseable {
    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS =
        new java.util.concurrent.locks.ReentrantLock();
    private final java.nio.channels.FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private CacheLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static CacheLock acquire(Path root) throws IOException {
      IN_PROCESS.lock();
      java.nio.channels.FileChannel channel = null;
      try {
        channel =
            java.nio.channels.FileChannel.open(
                root.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        return new CacheLock(channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        if (channel != null) {
          channel.close();
        }
        IN_PROCESS.unlock();
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        lock.release();
        channel.close();
      } finally {
        IN_PROCESS.unlock();
      }
    }
  }

  private Path stage(Path source, Path work, String origin)
      throws IOException, ReleaseRejectedException {
    if (Files.isDirectory(source)) {
      copyFolder(source, work);
      return work;
    }
    try {
      extractor.extract(source, work);
    } catch (ArchiveRejectedException e) {
      throw new ReleaseRejectedException(origin, List.of("archive refused: " + e.getMessage()));
    }
    return ReleaseLayout.releaseRoot(work);
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    Files.createDirectory(to);
    try (var paths = Files.walk(from, 3)) {
      for (Path file : (Iterable<Path>) paths::iterator) {
        Path relative = from.relativize(file);
        if (relative.toString().isEmpty() || relative.getFileName().toString().equals(METADATA)) {
          continue;
        }
        Path destination = to.resolve(relative.toString());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(destination);
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(destination.getParent());
          Files.copy(file, destination, LinkOption.NOFOLLOW_LINKS);
        }
        // links are not copied: a release is plain files
      }
    }
  }

  private void replace(Path staged, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      old = root.resolve(".replaced-" + UUID.randomUUID());
      move(target, old);
    }
    move(staged, target);
    if (old != null) {
      Trees.delete(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same parent folder, so this only happens on exotic file systems.
      Files.move(from, to);
    }
  }

  private static void writeMetadata(Path folder, String sha256, String origin) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("sha256", sha256);
    properties.setProperty("origin", origin);
    try (OutputStream out = Files.newOutputStream(folder.resolve(METADATA))) {
      properties.store(out, "written by ephemery when this release was verified and installed");
    }
  }

  private Optional<InstalledRelease> load(Path folder) throws IOException {
    // Taken before the files are read: a file changed while they are read no longer fits it.
    String fingerprint = VerifiedStamp.fingerprint(folder);
    Release release = VerifiedStamp.read(folder, fingerprint).orElse(null);
    if (release == null) {
      ReleaseVerification verification = ReleaseVerifier.verify(ReleaseReader.readFolder(folder));
      if (!verification.valid()) {
        Log.LOG.warn("ignoring {}: {}", folder, verification.problemTexts());
        return Optional.empty();
      }
      release = verification.release();
      VerifiedStamp.write(folder, fingerprint, release);
    }
    Properties properties = new Properties();
    Path metadata = folder.resolve(METADATA);
    if (Files.isRegularFile(metadata)) {
      try (InputStream in = Files.newInputStream(metadata)) {
        properties.load(in);
      }
    }
    return Optional.of(
        new InstalledRelease(
            release,
            folder,
            properties.getProperty("sha256", ""),
            properties.getProperty("origin", "")));
  }

  /** Loaded on the first log line only: a quiet run never starts the logging framework. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ReleaseCache.class);
  }
}
