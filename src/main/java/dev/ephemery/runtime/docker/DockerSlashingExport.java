package dev.ephemery.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.ephemery.client.ContainerPaths;
import dev.ephemery.client.SlashingExport;
import dev.ephemery.ops.Component;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.local.ConfinedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a validator client's (or a beacon node's built-in validator's) own EIP-3076 export ({@link
 * SlashingExport}) in a one-shot container with the validator's mounts, a copy of the archived
 * slashing DB where its data folder was, the old iteration's testnet folder (the export reads the
 * genesis validators root of the chain the database belongs to) and the archive folder for its
 * output; no network. The result is kept only when it parses as interchange JSON.
 */
final class DockerSlashingExport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerClient docker;
  private final HostPlan plan;
  private final Duration timeout;
  private final Consumer<String> log;

  DockerSlashingExport(DockerClient docker, HostPlan plan, Duration timeout, Consumer<String> log) {
    this.docker = docker;
    this.plan = plan;
    this.timeout = timeout;
    this.log = log;
  }

  /**
   * Exports the protection WIPING archived in {@code archive} (laid out like the validator's data
   * folder) into {@code target}; false (with the reason logged) when the client has no export, the
   * export fails or writes no valid file. The client opens its database read-write (SQLite,
   * LevelDB, bbolt may write on open), so it gets a disposable copy, {@code scratch}, where it
   * expects its data folder: archives are only ever added to.
   */
  boolean export(Component validator, Path archive, Path scratch, Path oldTestnet, Path target) {
    Service service = validator.service();
    Optional<SlashingExport> export = exportFor(validator);
    if (service == null || export.isEmpty()) {
      log.accept(validator.name() + ": the client has no EIP-3076 export");
      return false;
    }
    Path folder = target.getParent();
    Path written = folder.resolve(Path.of(export.get().outputFile()).getFileName().toString());
    ConfinedPaths paths = new ConfinedPaths(Path.of(plan.baseDir()));
    Path copy = real(paths, scratch);
    try {
      paths.delete(copy);
      paths.copy(real(paths, archive), copy);
      likeDataFolder(copy, real(paths, validator.dataDir()));
      giveTree(copy, service.user());
      giveTo(folder, service.user());
      Integer code =
          OneShotContainer.run(
              docker,
              plan,
              service,
              "slashing-export",
              export.get().image(),
              export.get().command(),
              binds(service, copy, oldTestnet, folder),
              timeout);
      if (code == null || code != 0) {
        log.accept(validator.name() + ": EIP-3076 export exited with " + code);
        return false;
      }
      if (!isInterchange(written)) {
        log.accept(validator.name() + ": EIP-3076 export wrote no interchange file at " + written);
        Files.deleteIfExists(written);
        return false;
      }
      if (!written.equals(target)) {
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      log.accept(validator.name() + ": EIP-3076 export failed: " + e.getMessage());
      return false;
    } finally {
      try {
        paths.delete(copy);
      } catch (RuntimeException e) {
        log.accept(validator.name() + ": cannot remove the export's copy: " + e.getMessage());
      }
    }
  }

  /** A path under the configured (maybe linked) baseDir mapped, one under the real one as it is. */
  private Path real(ConfinedPaths paths, Path path) {
    Path normal = path.toAbsolutePath().normalize();
    Path configured = Path.of(plan.baseDir()).toAbsolutePath().normalize();
    return normal.startsWith(configured) || !normal.startsWith(paths.base())
        ? paths.inside(configured, normal)
        : normal;
  }

  /** The plan's: a beacon node with a built-in validator (grandine) has its export too. */
  private static Optional<SlashingExport> exportFor(Component validator) {
    return Optional.ofNullable(validator.layout()).map(DataLayout::slashingExport);
  }

  /**
   * The validator's own mounts, its data folder replaced by the archived copy and its testnet
   * folder by the old iteration's, plus the output.
   */
  static List<Bind> binds(Service service, Path data, Path oldTestnet, Path output) {
    List<Bind> binds = new ArrayList<>();
    for (Mount mount : service.mounts()) {
      String source =
          switch (mount.target()) {
            case ContainerPaths.DATA -> data.toString();
            case ContainerPaths.TESTNET -> oldTestnet.toString();
            default -> mount.source();
          };
      binds.add(
          new Bind(
              source,
              new Volume(mount.target()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    binds.add(new Bind(output.toString(), new Volume(SlashingExport.OUTPUT_DIR), AccessMode.rw));
    return binds;
  }

  static boolean isInterchange(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return false;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      return root.path("metadata").hasNonNull("interchange_format_version")
          && root.path("metadata").hasNonNull("genesis_validators_root")
          && root.path("data").isArray();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The copy's folders get the modes of the data folder's ones (nimbus keeps its data folder 0700:
   * its profile's dataDirMode): only the folders' metadata is read, never the live database.
   */
  private static void likeDataFolder(Path copy, Path dataDir) throws IOException {
    if (!Files.getFileStore(copy).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    try (var tree = Files.walk(copy)) {
      for (Path dir : tree.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        Path live = dataDir.resolve(copy.relativize(dir).toString());
        if (Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(dir, Files.getPosixFilePermissions(live));
        }
      }
    }
  }

  /** The client opens its copy as its own user: every file and folder of it is that user's. */
  private static void giveTree(Path root, String user) throws IOException {
    if (user == null || user.isBlank()) {
      return;
    }
    try (var tree = Files.walk(root)) {
      for (Path path : tree.filter(p -> !Files.isSymbolicLink(p)).toList()) {
        giveTo(path, user);
      }
    }
  }

  /** The client writes as its own user: the archive folder must be its to write in. */
  private static void giveTo(Path folder, String user) throws IOException {
    if (user == null || user.isBlank()) {
      return;
    }
    String[] ids = user.split(":");
    try {
      Files.setAttribute(folder, "unix:uid", Integer.parseInt(ids[0]));
      if (ids.length > 1) {
        Files.setAttribute(folder, "unix:gid", Integer.parseInt(ids[1]));
      }
    } catch (NumberFormatException | UnsupportedOperationException | SecurityException e) {
      // A user name, or not root: the export then fails and is logged; the DB is archived anyway.
    }
  }
}
