package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.Interchange;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.release.GenesisFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery validator}: the validator's slashing protection across iterations. */
final class ValidatorCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec =
        Specs.command(
            this,
            "validator",
            "Validator chores: the keys' state on the chain, slashing protection.");
    spec.addSubcommand("export-slashing", new ExportSlashing().declare());
    spec.addSubcommand("import-slashing", new ImportSlashing().declare());
    spec.addSubcommand("status", new ValidatorStatusCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: status, export-slashing, import-slashing");
  }

  static Host oneHost(Inventory inventory, String name) {
    List<Host> hosts = ResetTargets.hosts(inventory, name);
    if (hosts.size() != 1) {
      throw InvalidInputException.of("--host", "the inventory has several hosts: name one", "");
    }
    if (OnHost.remote(hosts.get(0))) {
      throw InvalidInputException.of(
          hosts.get(0).name(), "works on a local host's files only", "run it on the host");
    }
    return hosts.get(0);
  }

  /** Writes the EIP-3076 file a reset kept for an earlier iteration. */
  static final class ExportSlashing extends BaseCommand {
    String host;
    Integer iteration;
    Path output;

    @Override
    public CommandSpec declare() {
      command(
          "export-slashing",
          "Write the EIP-3076 slashing-protection file a reset kept for an archived iteration",
          "(default: the last one) to FILE.");
      spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
      spec.addOption(
          Specs.option(Integer.class, () -> iteration, v -> iteration = v, "--iteration")
              .paramLabel("N")
              .description("The archived iteration (default: the last one archived).")
              .build());
      spec.addOption(
          Specs.option(Path.class, () -> output, v -> output = v, "-o", "--out")
              .paramLabel("FILE")
              .required(true)
              .description("Where to write the file.")
              .build());
      return spec;
    }

    @Override
    public Integer call() throws IOException {
      Host h = oneHost(InventoryLoader.system().load(common.file()), host);
      Path archives = NodeLayout.archives(Path.of(h.baseDir()));
      List<Path> found = exports(archives);
      Optional<Path> chosen =
          found.stream()
              .filter(p -> iteration == null || iterationOf(p) == iteration)
              .reduce((a, b) -> iterationOf(a) >= iterationOf(b) ? a : b);
      if (chosen.isEmpty()) {
        throw new OperationalException(
            archives.toString(),
            iteration == null
                ? "no EIP-3076 file kept yet"
                : "no EIP-3076 file kept for iteration " + iteration,
            "files are kept by a reset, for the iteration it left; the running one is not archived",
            null);
      }
      Files.copy(chosen.get(), output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      printer().line("wrote " + output + " from " + chosen.get());
      return 0;
    }

    static List<Path> exports(Path archives) throws IOException {
      if (!Files.isDirectory(archives)) {
        return List.of();
      }
      try (Stream<Path> files = Files.find(archives, 3, (p, a) -> a.isRegularFile())) {
        return files
            .filter(p -> p.getFileName().toString().equals(ResetMachine.EIP3076_FILE))
            .filter(p -> NodeLayout.archivedIteration(p.getParent()).isPresent())
            .sorted()
            .toList();
      }
    }

    static int iterationOf(Path export) {
      return NodeLayout.archivedIteration(export.getParent()).orElseThrow();
    }
  }

  /** Checks an EIP-3076 file against the running chain and the node's keys, then imports it. */
  static final class ImportSlashing extends BaseCommand {
    String host;
    Path file;

    @Override
    public CommandSpec declare() {
      command(
          "import-slashing",
          "Check an EIP-3076 slashing-protection file (format 5, the running iteration's",
          "genesis_validators_root, keys of validator.keysDir) and import it with the client's",
          "own import, the validator stopped meanwhile.");
      spec.addPositional(
          Specs.positional(Path.class, () -> file, v -> file = v, "FILE")
              .description("The EIP-3076 interchange file.")
              .build());
      spec.addOption(Specs.onlyHost(() -> host, v -> host = v));
      return spec;
    }

    @Override
    public Integer call() throws IOException {
      Host h = oneHost(InventoryLoader.system().load(common.file()), host);
      if (!Files.isRegularFile(file)) {
        throw InvalidInputException.of(file.toString(), "no such file", "");
      }
      String text = Files.readString(file);
      Path testnet = installedTestnet(Path.of(h.baseDir()));
      List<Problem> problems =
          Interchange.check(file.toString(), text, rootOf(testnet), heldKeys(h));
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
      int keys = Interchange.summary(text).pubkeys().size();
      printer().line(file + ": valid, " + keys + " keys; importing with the validator stopped");
      SlashingImportRun.run(h, common.file(), file, line -> err().println(line));
      printer().line("imported; the validator runs again");
      return 0;
    }

    /** The installed iteration's folder: the highest {@code testnet/ephemery-<i>}. */
    static Path installedTestnet(Path baseDir) throws IOException {
      Path testnets = baseDir.resolve("testnet");
      if (!Files.isDirectory(testnets)) {
        throw new OperationalException(
            testnets.toString(), "no iteration installed", "run 'ephemery up'", null);
      }
      try (Stream<Path> dirs = Files.list(testnets)) {
        return dirs.filter(p -> p.getFileName().toString().matches("ephemery-\\d{1,9}"))
            .max(
                java.util.Comparator.comparingInt(
                    p -> Integer.parseInt(p.getFileName().toString().substring(9))))
            .orElseThrow(
                () ->
                    new OperationalException(
                        testnets.toString(), "no iteration installed", "run 'ephemery up'", null));
      }
    }

    /** The running chain's genesis_validators_root, read where the reset's import reads it. */
    static String rootOf(Path testnet) {
      try {
        return GenesisFile.genesisValidatorsRoot(testnet);
      } catch (IOException e) {
        throw new OperationalException(
            testnet.resolve("genesis.ssz").toString(),
            "cannot read the running chain's genesis_validators_root: " + e.getMessage(),
            "run 'ephemery up' to install the iteration again",
            e);
      }
    }

    /** The {@code pubkey} of each EIP-2335 keystore in the inventory's validator.keysDir. */
    static List<String> heldKeys(Host h) throws IOException {
      if (h.validator() == null || h.validator().keysDir() == null) {
        return List.of();
      }
      return ValidatorKeyFiles.pubkeys(Path.of(h.validator().keysDir()));
    }
  }
}
