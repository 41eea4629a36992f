package dev.ephemery.runtime.docker;

import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code up}'s file work done by this process on the machine of a local daemon: the scripts the
 * helper container would run, run by this machine's {@code sh}, and the archives it would unpack,
 * unpacked here. It saves the helper's create and start, a few hundred milliseconds of the daemon's
 * time on a small machine, and is only used where it does what the helper does:
 *
 * <ul>
 *   <li>this process is root, as the helper is: it sets the owners the clients run as, and what it
 *       creates is root's, as the helper's is;
 *   <li>no path it writes through below baseDir is a symbolic link: in the helper a link resolves
 *       inside the container, from here it could lead out of baseDir.
 * </ul>
 */
final class LocalFileWork implements FileWork {

  private static final long LIMIT_SECONDS = 120;

  private final String node;
  private final HostPaths paths;

  private LocalFileWork(String node, HostPaths paths) {
    this.node = node;
    this.paths = paths;
  }

  /**
   * This machine as the worker for {@code plan}'s baseDir, when it may be (see the class), else
   * empty: the helper does the work.
   *
   * @param localDaemon the daemon runs on this machine
   * @param seenLocally this process saw every planned path as the helper would (no link among them)
   */
  static Optional<LocalFileWork> of(HostPlan plan, boolean localDaemon, boolean seenLocally) {
    return of(plan, localDaemon, seenLocally, ProcessUser.isRoot());
  }

  /** {@link #of(HostPlan, boolean, boolean)} with {@code root} given. */
  static Optional<LocalFileWork> of(
      HostPlan plan, boolean localDaemon, boolean seenLocally, boolean root) {
    if (!(localDaemon && seenLocally && root)) {
      return Optional.empty();
    }
    HostPaths paths = HostPaths.of(plan.baseDir());
    if (paths.linkBelowBaseDir(paths.baseDir().resolve(HostFiles.STAGING))) {
      return Optional.empty();
    }
    return Optional.of(new LocalFileWork(plan.name(), paths));
  }

  /** Whether this worker may write {@code hostPath}: no link below baseDir on the way. */
  boolean reaches(Path hostPath) {
    return !paths.linkBelowBaseDir(hostPath);
  }

  @Override
  public String root() {
    return paths.baseDir().toString();
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public Helper.Result sh(String script) {
    try {
      Process process = new ProcessBuilder("sh", "-c", script).start();
      process.getOutputStream().close();
      CompletableFuture<String> err = drain(process.getErrorStream());
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new OperationalException(
            node, "file work on this machine took over " + LIMIT_SECONDS + " s", "");
      }
      return new Helper.Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new OperationalException(
          node, "cannot run sh on this machine: " + e.getMessage(), "", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(node, "interrupted during file work", "", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return e.getMessage();
          }
        });
  }

  /**
   * Unpacks regular files and folders with their modes, as {@code docker cp} does into the helper;
   * an entry that would land outside {@code folder}, or any other kind of entry, is refused.
   */
  @Override
  public void untar(InputStream tar, String folder) {
    Path into = Path.of(folder).normalize();
    try (TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
      Files.createDirectories(into);
      for (TarArchiveEntry entry = entries.getNextEntry();
          entry != null;
          entry = entries.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into) || !reaches(target)) {
          throw new IllegalStateException("archive entry leaves " + into + ": " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.copy(entries, target);
        } else {
          throw new IllegalStateException("unexpected archive entry " + entry.getName());
        }
        Files.setPosixFilePermissions(target, permissions(entry.getMode()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }

  /** The user this process runs as, read from the kernel, not from the environment. */
  static final class ProcessUser {
    private ProcessUser() {}

    /** Whether the effective user id is 0 (the second field of {@code Uid:} in its status). */
    static boolean isRoot() {
      try {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(line -> line.startsWith("Uid:"))
            .map(line -> line.split("\\s+"))
            .anyMatch(fields -> fields.length > 2 && fields[2].equals("0"));
      } catch (IOException | UncheckedIOException e) {
        return false; // not Linux: the helper does the work
      }
    }
  }
}
