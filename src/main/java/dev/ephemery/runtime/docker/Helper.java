package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import dev.ephemery.common.OperationalException;
import dev.ephemery.runtime.Labels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A short-lived container that mounts the node's baseDir and does the file work there. It works the
 * same on a local and a remote host, needs nothing but the Docker API (no SFTP, no shell access
 * contract), and runs as root, so it can set the owners the clients run as. It only sees baseDir.
 */
final class Helper implements FileWork, AutoCloseable {

  record Result(long exitCode, String out, String err) {}

  private final DockerClient docker;
  private final String id;
  private final String node;

  private Helper(DockerClient docker, String id, String node) {
    this.docker = docker;
    this.id = id;
    this.node = node;
  }

  /**
   * Starts the helper. With {@code readOnly} baseDir is mounted read-only and must exist (a dry run
   * must not create it); otherwise Docker creates baseDir when it is missing.
   */
  static Helper start(
      DockerClient docker, String image, String node, HostPaths paths, boolean readOnly) {
    return start(docker, image, node, paths, readOnly, "none", "files");
  }

  /**
   * A helper that sees {@code folders} read-only at {@link InputDigest#MOUNT}{@code /<i>}, and
   * nothing else. Bind mounts of the mount API: a missing folder is an error, never created.
   */
  static Helper withInputs(
      DockerClient docker, String image, String node, List<java.nio.file.Path> folders) {
    List<Mount> mounts = new java.util.ArrayList<>();
    for (int i = 0; i < folders.size(); i++) {
      mounts.add(
          new Mount()
              .withType(MountType.BIND)
              .withSource(folders.get(i).toString())
              .withTarget(InputDigest.MOUNT + "/" + i)
              .withReadOnly(true));
    }
    try {
      return start(docker, image, node, HostConfig.newHostConfig().withMounts(mounts), "inputs");
    } catch (com.github.dockerjava.api.exception.BadRequestException e) {
      throw new OperationalException(
          node,
          "cannot read the input folders " + folders + " on the host: " + e.getMessage(),
          "create them, or fix the inventory key that names them (e.g. validator.keysDir)",
          e);
    }
  }

  /** A helper on {@code network} that mounts nothing (health probes). */
  static Helper onNetwork(DockerClient docker, String image, String node, String network) {
    return start(docker, image, node, null, true, network, "health");
  }

  /** A helper attached to {@code network} (e.g. the node's own, to see what the CL sees). */
  static Helper start(
      DockerClient docker,
      String image,
      String node,
      HostPaths paths,
      boolean readOnly,
      String network,
      String purpose) {
    HostConfig hostConfig = HostConfig.newHostConfig();
    if (paths == null) {
      // nothing mounted: a probe that only talks to the network
    } else if (readOnly) {
      hostConfig.withMounts(
          List.of(
              new Mount()
                  .withType(MountType.BIND)
                  .withSource(paths.baseDir().toString())
                  .withTarget(HostPaths.MOUNT)
                  .withReadOnly(true)));
    } else {
      hostConfig.withBinds(
          new Bind(paths.baseDir().toString(), new Volume(HostPaths.MOUNT), AccessMode.rw));
    }
    return start(docker, image, node, hostConfig.withNetworkMode(network), purpose);
  }

  private static Helper start(
      DockerClient docker, String image, String node, HostConfig hostConfig, String purpose) {
    if (hostConfig.getNetworkMode() == null) {
      hostConfig.withNetworkMode("none");
    }
    String id =
        docker
            .createContainerCmd(image)
            .withName(
                node + "-ephemery-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8))
            .withLabels(Labels.forHelper(node, purpose))
            .withEntrypoint("sleep")
            .withCmd("600")
            .withUser("0:0")
            .withHostConfig(hostConfig)
            .exec()
            .getId();
    Helper helper = new Helper(docker, id, node);
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      helper.close();
      throw e;
    }
    return helper;
  }

  @Override
  public String root() {
    return HostPaths.MOUNT;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public Result sh(String script) {
    return exec(List.of("sh", "-c", script));
  }

  Result exec(List<String> command) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    long code =
        ContainerExec.run(
            docker,
            node,
            id,
            command,
            line -> out.append(line).append('\n'),
            line -> err.append(line).append('\n'),
            Duration.ofSeconds(120),
            "file work on the host");
    return new Result(code, out.toString(), err.toString());
  }

  @Override
  public void untar(InputStream tar, String folder) {
    docker.copyArchiveToContainerCmd(id).withTarInputStream(tar).withRemotePath(folder).exec();
  }

  /** Writes one file, readable by its owner only, into a folder (inside the helper) that exists. */
  void writeFile(String folder, String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      putEntry(tar, name, content, 0600);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    untar(new ByteArrayInputStream(bytes.toByteArray()), folder);
  }

  /** Adds one file to an archive bound for {@link #untar}. */
  static void putEntry(TarArchiveOutputStream tar, String name, byte[] content, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  @Override
  public void close() {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (NotFoundException ignored) {
      // already gone
    }
  }
}
