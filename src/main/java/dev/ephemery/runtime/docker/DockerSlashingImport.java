package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.ephemery.client.SlashingImport;
import dev.ephemery.client.VotingKeys;
import dev.ephemery.common.OperationalException;
import dev.ephemery.network.Interchange;
import dev.ephemery.ops.Component;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Service;
import dev.ephemery.release.GenesisFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a validator's own EIP-3076 import ({@link SlashingImport}) in a one-shot container with the
 * validator's mounts (its live data folder, the installed testnet folder) and the file's folder at
 * {@link SlashingImport#INPUT_DIR}, read-only; no network. The validator must be stopped: the
 * clients lock their database while they run.
 */
public final class DockerSlashingImport {

  private final DockerClient docker;
  private final HostPlan plan;
  private final Duration timeout;

  public DockerSlashingImport(DockerClient docker, HostPlan plan, Duration timeout) {
    this.docker = docker;
    this.plan = plan;
    this.timeout = timeout;
  }

  /**
   * Registers the keys the validator's voting-keys file (the plan's layout names it) names in a new
   * DB for the installed iteration: writes a keys-only interchange file (the root read from the
   * testnet folder's genesis.ssz) and imports it. No keys file or no key: nothing to do.
   */
  void registerKeys(Component validator, Path testnetDir) {
    Service service = validator.service();
    DataLayout layout = validator.layout();
    VotingKeys keysFile = layout == null ? null : layout.votingKeys();
    SlashingImport command = layout == null ? null : layout.slashingImport();
    if (service == null || keysFile == null || command == null) {
      return;
    }
    try {
      Path keys = validator.dataDir().resolve(keysFile.file());
      if (!Files.isRegularFile(keys)) {
        return;
      }
      List<String> pubkeys = keysFile.in(Files.readString(keys));
      if (pubkeys.isEmpty()) {
        return;
      }
      String file =
          Interchange.registration(GenesisFile.genesisValidatorsRoot(testnetDir), pubkeys);
      Path folder =
          Path.of(plan.baseDir()).resolve(".ephemery/slashing-import").resolve(validator.name());
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(Path.of(SlashingImport.FILE).getFileName()), file);
      run(service, command, folder);
    } catch (IOException e) {
      throw new OperationalException(
          validator.name(), "cannot register the keys for slashing protection: " + e, "", e);
    }
  }

  /** Runs {@code command} on the file {@code folder} holds; throws when it exits non-zero. */
  public void run(Service service, SlashingImport command, Path folder) {
    Integer code =
        OneShotContainer.run(
            docker,
            plan,
            service,
            "slashing-import",
            command.image(),
            command.command(),
            binds(service, folder),
            timeout);
    if (code == null || code != 0) {
      throw new OperationalException(
          service.name(),
          "the client's slashing-protection import exited with " + code,
          "run it again with --debug",
          null);
    }
  }

  static List<Bind> binds(Service service, Path folder) {
    List<Bind> binds = new ArrayList<>();
    for (Mount mount : service.mounts()) {
      binds.add(
          new Bind(
              mount.source(),
              new Volume(mount.target()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    binds.add(new Bind(folder.toString(), new Volume(SlashingImport.INPUT_DIR), AccessMode.ro));
    return binds;
  }
}
