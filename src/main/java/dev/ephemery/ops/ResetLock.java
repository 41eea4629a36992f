package dev.ephemery.ops;

import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One reset at a time per host: an exclusive lock on {@code <baseDir>/.ephemery/reset.lock}, held
 * from the decision to reset until the machine stops. The on-host supervisor and an operator's
 * {@code ephemery reset} (in the supervisor's container or on the host) share the file through the
 * baseDir mount, and the kernel frees the lock when its holder dies, so a crash never leaves it
 * taken. A runtime whose journal is not on a disk here holds its lock elsewhere (a cluster: a
 * Lease) and hands it over as {@link #held}.
 */
public final class ResetLock implements AutoCloseable {

  static final String FILE = "reset.lock";

  private final FileChannel channel;
  private final FileLock lock;
  private final Runnable release;

  private ResetLock(FileChannel channel, FileLock lock, Runnable release) {
    this.channel = channel;
    this.lock = lock;
    this.release = release;
  }

  /** A lock held by other means; {@code release} lets it go (called once, by {@link #close}). */
  public static ResetLock held(Runnable release) {
    return new ResetLock(null, null, release);
  }

  /** The lock in {@code folder}, or empty when another process (or this one) holds it. */
  public static Optional<ResetLock> tryAcquire(Path folder, String holder, Instant now) {
    Path file = folder.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(folder);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held elsewhere in this JVM
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      // Who holds it, for the message another process shows; the lock itself is what counts.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (holder + ", pid " + ProcessHandle.current().pid() + ", since " + now + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      return Optional.of(new ResetLock(channel, lock, null));
    } catch (IOException e) {
      closeQuietly(channel);
      throw new OperationalException(
          file.toString(), "cannot open the reset lock: " + e.getMessage(), "", e);
    }
  }

  /** The lock, or an operational failure naming its holder. */
  public static ResetLock acquire(Path folder, String holder, Instant now) {
    return tryAcquire(folder, holder, now)
        .orElseThrow(
            () ->
                new OperationalException(
                    folder.resolve(FILE).toString(),
                    "another reset is in progress on this host (" + holderOf(folder) + ")",
                    "wait for it to finish; 'ephemery history' shows its outcome",
                    null));
  }

  /** What the current holder wrote, or "holder unknown". */
  public static String holderOf(Path folder) {
    try {
      String text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "holder unknown" : text;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  @Override
  public void close() {
    if (release != null) {
      release.run();
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing left to release.
      }
    }
  }
}
