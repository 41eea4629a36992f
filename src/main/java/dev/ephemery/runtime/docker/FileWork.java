package dev.ephemery.runtime.docker;

import dev.ephemery.common.OperationalException;
import java.io.InputStream;

/**
 * Whatever does {@code up}'s file work in a node's baseDir: the {@link Helper} container, which
 * sees baseDir at {@link HostPaths#MOUNT} and works the same on any host, or {@link LocalFileWork},
 * this process on the daemon's own machine, which sees baseDir where it is and costs no container
 * start. The scripts and archives {@link HostFiles} builds run alike on both.
 */
interface FileWork {

  /** baseDir as this worker sees it: the prefix of every path in its scripts. */
  String root();

  /** The node, for errors. */
  String node();

  /** Runs a POSIX shell script; its exit code and output. */
  Helper.Result sh(String script);

  /** Unpacks a tar stream into {@code folder} (as this worker sees it), which must exist. */
  void untar(InputStream tar, String folder);

  /** {@link #sh}, failing with the script's error output when it exits non-zero. */
  default Helper.Result shOrFail(String what, String script) {
    Helper.Result result = sh(script);
    if (result.exitCode() != 0) {
      throw new OperationalException(
          node(),
          what + " failed on the host (exit " + result.exitCode() + "): " + result.err().strip(),
          "check baseDir's file system and free space");
    }
    return result;
  }

  /** A path below baseDir ({@link HostPaths#onHost} checks it) as this worker sees it. */
  default String see(HostPaths paths, String where, String path) {
    return paths.inView(root(), where, path);
  }
}
