package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.List;

/**
 * Free space of the file system that holds a host's baseDir, measured from inside a read-only
 * helper container (busybox {@code df -Pk}): the same answer for a local and an SSH host, with only
 * the Docker API.
 */
public final class HostDisk {

  /** Bytes free (for unprivileged use) and in all. */
  public record Space(long free, long total) {}

  private HostDisk() {}

  public static Space measure(DockerClient docker, String image, String node, String baseDir) {
    try (Helper helper = Helper.start(docker, image, node, HostPaths.of(baseDir), true)) {
      Helper.Result result = helper.exec(List.of("df", "-Pk", HostPaths.MOUNT));
      if (result.exitCode() != 0) {
        throw new IllegalStateException("df failed: " + result.err().strip());
      }
      return parseDf(result.out());
    }
  }

  /** POSIX {@code df -Pk}: a header, then "fs 1024-blocks used available capacity mount". */
  static Space parseDf(String out) {
    List<String> lines = out.strip().lines().toList();
    String[] cols = lines.get(lines.size() - 1).trim().split("\\s+");
    if (cols.length < 6) {
      throw new IllegalStateException("cannot read df output: " + out.strip());
    }
    return new Space(Long.parseLong(cols[3]) * 1024, Long.parseLong(cols[1]) * 1024);
  }
}
