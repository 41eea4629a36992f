package dev.ephemery.ops;

import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The journals of one host, one JSON file per reset under {@code <baseDir>/.ephemery/resets/}. Each
 * write is durable before it returns: temp file, force, atomic rename, fsync of the folder. So
 * after a crash a journal is either the previous version or the new one, never a torn file. A
 * runtime whose node is not on a disk here keeps its journals elsewhere by overriding {@link #save}
 * and {@link #all} (a cluster: a ConfigMap), with the same guarantee.
 */
public class JournalStore {

  private final Path dir;

  public JournalStore(Path baseDir) {
    this.dir = baseDir.resolve(".ephemery").resolve("resets");
  }

  public Path dir() {
    return dir;
  }

  /** The host's reset lock, or empty while another reset holds it (see {@link ResetLock}). */
  public java.util.Optional<ResetLock> tryLock(String holder, java.time.Instant now) {
    return ResetLock.tryAcquire(dir.getParent(), holder, now);
  }

  /** The host's reset lock, or an operational failure naming the reset that holds it. */
  public ResetLock lock(String holder, java.time.Instant now) {
    return ResetLock.acquire(dir.getParent(), holder, now);
  }

  /** Who holds the host's reset lock, as it wrote itself down. */
  public String lockHolder() {
    return ResetLock.holderOf(dir.getParent());
  }

  /** Changes whenever a journal is written (the folder's modification time and entry count). */
  public long stamp() {
    try {
      if (!Files.isDirectory(dir)) {
        return 0;
      }
      return Files.getLastModifiedTime(dir).toMillis() * 31 + saves.get();
    } catch (IOException e) {
      return System.nanoTime();
    }
  }

  private final AtomicLong saves = new AtomicLong();

  public void save(ResetJournal journal) {
    saves.incrementAndGet();
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(journal.id() + ".json");
      Path temp = dir.resolve("." + journal.id() + ".json.tmp");
      byte[] bytes = JournalJson.toBytes(journal);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new OperationalException(
          dir.toString(),
          "cannot write the reset journal: " + e.getMessage(),
          "check that the host's baseDir is writable and not full",
          e);
    }
  }

  /** Every reset of this host, oldest first. Unreadable files are reported, not skipped. */
  public List<ResetJournal> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ResetJournal> journals = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        journals.add(read(file));
      }
    } catch (IOException e) {
      throw new OperationalException(dir.toString(), "cannot list reset journals", "", e);
    }
    journals.sort(Comparator.comparing(ResetJournal::startedAt).thenComparing(ResetJournal::id));
    return journals;
  }

  /** The reset still in progress (not DONE, and not FAILED before it touched the node), if any. */
  public Optional<ResetJournal> unfinished() {
    return all().stream().filter(JournalStore::resumable).reduce((first, second) -> second);
  }

  /**
   * The last reset that finished for {@code iteration}, so the same iteration is never reset twice.
   */
  public Optional<ResetJournal> done(int iteration) {
    return all().stream()
        .filter(j -> j.toIteration() == iteration && j.state() == ResetState.DONE)
        .reduce((first, second) -> second);
  }

  static boolean resumable(ResetJournal journal) {
    return switch (journal.state()) {
      case DONE -> false;
      case FAILED -> journal.failedIn() != null && journal.failedIn().touchesNode();
      default -> true;
    };
  }

  private static ResetJournal read(Path file) {
    try {
      ResetJournal journal = JournalJson.fromBytes(Files.readAllBytes(file));
      if (journal.version() > ResetJournal.FORMAT_VERSION) {
        throw new OperationalException(
            file.toString(),
            "journal format " + journal.version() + " is newer than this tool understands",
            "upgrade ephemery",
            null);
      }
      return journal;
    } catch (IOException e) {
      throw new OperationalException(
          file.toString(),
          "unreadable reset journal: " + e.getMessage(),
          "move the file aside after checking the node's state by hand",
          e);
    }
  }

  public static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a folder for reading; the rename is still atomic there.
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }
}
