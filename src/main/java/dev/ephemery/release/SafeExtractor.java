package dev.ephemery.release;

import dev.ephemery.release.ArchiveRejectedException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a tar.gz that comes from the network into a fresh folder, refusing anything that could
 * write outside it (absolute paths, {@code ..}, links) or that is not a plain file or folder, and
 * bounding sizes so a small archive cannot fill the disk. A refused or failed extraction removes
 * the target folder: nothing is left behind.
 */
public final class SafeExtractor {

  /** Bounds on what one archive may unpack to. */
  public record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
    /** A real release is about 15 MiB unpacked (genesis.ssz dominates); these leave room. */
    public static final Limits DEFAULT = new Limits(512L << 20, 1L << 30, 10_000);
  }

  private final Limits limits;

  public SafeExtractor(Limits limits) {
    this.limits = limits;
  }

  public SafeExtractor() {
    this(Limits.DEFAULT);
  }

  /**
   * Extracts {@code tarGz} into {@code target}, which must not exist yet.
   *
   * @return the number of bytes written
   */
  public long extract(InputStream tarGz, Path target) throws ArchiveRejectedException, IOException {
    Files.createDirectories(target.getParent());
    Files.createDirectory(target);
    Path root = target.toRealPath();
    boolean done = false;
    try {
      long written = unpack(tarGz, root);
      done = true;
      return written;
    } finally {
      if (!done) {
        Trees.deleteQuietly(root);
      }
    }
  }

  public long extract(Path tarGz, Path target) throws ArchiveRejectedException, IOException {
    try (InputStream in = Files.newInputStream(tarGz)) {
      return extract(in, target);
    }
  }

  private long unpack(InputStream tarGz, Path root) throws ArchiveRejectedException, IOException {
    long total = 0;
    int entries = 0;
    Set<String> seen = new HashSet<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new BufferedInputStream(tarGz, 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = nextEntry(tar)) != null) {
        String name = entry.getName();
        if (++entries > limits.maxEntries()) {
          throw new ArchiveRejectedException(
              Reason.TOO_MANY_ENTRIES, name, "more than " + limits.maxEntries() + " entries");
        }
        checkKind(entry);
        Path destination = destination(root, name);
        String key = root.relativize(destination).toString();
        if (!seen.add(key)) {
          throw new ArchiveRejectedException(
              Reason.DUPLICATE_ENTRY, name, "the archive holds this path twice");
        }
        if (entry.isDirectory()) {
          if (!destination.equals(root)) {
            createDirectories(root, destination);
          }
          continue;
        }
        if (destination.equals(root)) {
          throw new ArchiveRejectedException(Reason.BAD_NAME, name, "a file cannot be the root");
        }
        if (entry.getSize() > limits.maxEntryBytes()) {
          throw new ArchiveRejectedException(
              Reason.ENTRY_TOO_LARGE,
              name,
              entry.getSize() + " bytes, over the limit of " + limits.maxEntryBytes());
        }
        if (total + entry.getSize() > limits.maxTotalBytes()) {
          throw new ArchiveRejectedException(
              Reason.ARCHIVE_TOO_LARGE,
              name,
              "unpacks to more than the limit of " + limits.maxTotalBytes() + " bytes");
        }
        createDirectories(root, destination.getParent());
        total += copy(tar, destination, name, total);
      }
    } catch (IOException e) {
      throw new ArchiveRejectedException(
          Reason.CORRUPT, "", "not a readable tar.gz: " + e.getMessage(), e);
    }
    return total;
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar)
      throws ArchiveRejectedException {
    try {
      return tar.getNextEntry();
    } catch (IOException | IllegalArgumentException e) {
      throw new ArchiveRejectedException(
          Reason.CORRUPT, "", "not a readable tar.gz: " + e.getMessage(), e);
    }
  }

  private static void checkKind(TarArchiveEntry entry) throws ArchiveRejectedException {
    String name = entry.getName();
    if (entry.isSymbolicLink()) {
      throw new ArchiveRejectedException(
          Reason.SYMLINK, name, "symbolic links are refused (-> " + entry.getLinkName() + ")");
    }
    if (entry.isLink()) {
      throw new ArchiveRejectedException(
          Reason.HARD_LINK, name, "hard links are refused (-> " + entry.getLinkName() + ")");
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      throw new ArchiveRejectedException(
          Reason.SPECIAL_FILE, name, "device files and pipes are refused");
    }
    if (!entry.isFile() && !entry.isDirectory()) {
      throw new ArchiveRejectedException(
          Reason.SPECIAL_FILE, name, "entry type '" + (char) entry.getLinkFlag() + "' is refused");
    }
  }

  /** Where an entry goes; refuses every name that is not a plain relative path inside root. */
  static Path destination(Path root, String name) throws ArchiveRejectedException {
    if (name.isEmpty() || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
      throw new ArchiveRejectedException(
          Reason.BAD_NAME, name, "empty names, NUL and backslashes are refused");
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new ArchiveRejectedException(Reason.ABSOLUTE_PATH, name, "absolute paths are refused");
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new ArchiveRejectedException(
            Reason.PATH_TRAVERSAL, name, "'..' in a path is refused");
      }
    }
    Path destination = root.resolve(name).normalize();
    if (!destination.startsWith(root)) {
      throw new ArchiveRejectedException(
          Reason.PATH_TRAVERSAL, name, "resolves outside the target folder");
    }
    return destination;
  }

  private static void createDirectories(Path root, Path directory) throws IOException {
    // Walk down from root so no existing link is ever followed (none can exist: links are refused).
    Path current = root;
    for (Path part : root.relativize(directory)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        throw new IOException("refusing to follow a link at " + current);
      }
      if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(current);
        } catch (FileAlreadyExistsException e) {
          throw new IOException("a file is in the way of folder " + current, e);
        }
      }
    }
  }

  private long copy(InputStream in, Path destination, String name, long totalSoFar)
      throws IOException, ArchiveRejectedException {
    long written = 0;
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out =
        Files.newOutputStream(
            destination,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      int read;
      while ((read = in.read(buffer)) > 0) {
        written += read;
        // The header's size can lie about nothing here (tar reads exactly that many bytes), but
        // counting keeps the limits true whatever the reader does.
        if (written > limits.maxEntryBytes()) {
          throw new ArchiveRejectedException(
              Reason.ENTRY_TOO_LARGE, name, "over the limit of " + limits.maxEntryBytes());
        }
        if (totalSoFar + written > limits.maxTotalBytes()) {
          throw new ArchiveRejectedException(
              Reason.ARCHIVE_TOO_LARGE, name, "over the limit of " + limits.maxTotalBytes());
        }
        out.write(buffer, 0, read);
      }
    }
    return written;
  }
}
