package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret the tool generated under a host's baseDir (the Grafana admin password) for the
 * operator who asks for it. Directly when this process may read the file, otherwise through the
 * helper container, which sees only baseDir. The content is returned, never logged.
 */
public final class HostSecrets {
  private HostSecrets() {}

  /**
   * @param local whether baseDir is on this machine (a {@code local} host)
   * @param path the file's path on the host, below {@code baseDir}
   */
  public static String read(
      DockerClient docker,
      String helperImage,
      String node,
      String baseDir,
      String path,
      boolean local) {
    HostPaths paths = HostPaths.of(baseDir);
    Path onHost = paths.onHost(node + ".secret", path);
    if (local && Files.isRegularFile(onHost) && Files.isReadable(onHost)) {
      try {
        return Files.readString(onHost).strip();
      } catch (IOException e) {
        // fall back to the helper, which reads as root
      }
    }
    try (Helper helper = Helper.start(docker, helperImage, node, paths, true)) {
      String inHelper = paths.inHelper(node + ".secret", path);
      Helper.Result result = helper.sh("cat " + Sh.quote(inHelper));
      if (result.exitCode() != 0) {
        throw new OperationalException(
            node,
            onHost + " is missing or unreadable",
            "run 'ephemery up' first: it creates the password once and keeps it");
      }
      return result.out().strip();
    }
  }
}
