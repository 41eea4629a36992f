package dev.ephemery.cli;

import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.network.IterationFormula;
import dev.ephemery.wiring.Runtimes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The training run behind the launcher's start-up archive (JDK 17: {@code
 * -XX:ArchiveClassesAtExit}; from JDK 25: {@code -XX:AOTCacheOutput}): the archive holds exactly
 * the classes the training loads. On JDK 17 a class missing from it is parsed and verified from the
 * jar at every start (and the first one opens the 18,000-entry jar, about 10 ms); from JDK 25 every
 * class in the cache is loaded at every start, so the training loads what the everyday commands
 * need and no more. It runs {@code --version}, {@code check} and {@code plan} for real, in one JVM,
 * on inputs of its own in a temporary folder: a local inventory and the embedded default, and a
 * release installed by {@code genesis fetch --from} into a cache of its own. It reads no user file,
 * starts no container and opens no connection.
 *
 * <p>The release is a stand-in: consistent in every fact the verifier compares (iteration, chain
 * id, genesis times, validators root, reset period, bootnodes, deposit block), with a sparse
 * genesis.ssz of the size a Fulu state of its 64 validators needs. Nothing from it is ever used
 * outside the training's folder.
 */
public final class StartupTraining {

  private StartupTraining() {}

  private static final String FOLDER_PREFIX = "ephemery-training-";

  /**
   * {@code prepare}: writes the inputs into a new temporary folder and prints its path; run without
   * the archive options, so that installing the release (copying, hashing, verifying) is not what
   * the archive holds. {@code run FOLDER}: trains on them, with the archive options, and deletes
   * the folder; {@code run FOLDER docker} also loads the classes of the Docker calls ({@link
   * Runtimes#trainDockerCalls}: {@code up}, {@code status}, {@code down}), for the JDK 17 archive
   * the launcher keeps for the commands that talk to Docker (each archived megabyte costs every
   * start, and a JDK 25 cache loads all of its classes at every start, so the others are trained
   * without them). Without arguments: both in one process. The outcome does not matter to the
   * launcher.
   */
  public static void main(String[] args) throws IOException {
    if (args.length == 1 && args[0].equals("prepare")) {
      Path work = Files.createTempDirectory(FOLDER_PREFIX);
      try {
        prepare(work, Instant.now());
      } catch (IOException | RuntimeException e) {
        deleteTree(work);
        throw e;
      }
      System.out.println(work);
      System.exit(0);
    }
    Path given = args.length >= 2 && args[0].equals("run") ? Path.of(args[1]) : null;
    boolean docker = args.length == 3 && args[2].equals("docker");
    Path work = given != null && isTrainingFolder(given) ? given : null;
    try {
      if (work == null) {
        work = Files.createTempDirectory(FOLDER_PREFIX);
        prepare(work, Instant.now());
      }
      run(work).forEach(System.out::println);
      if (docker) {
        Runtimes.trainDockerCalls(work).forEach(System.out::println);
      }
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
    // As a command ends: the archive is written at exit, whatever thread a command left behind.
    System.exit(0);
  }

  /** Only a folder {@link #prepare} made is ever deleted. */
  private static boolean isTrainingFolder(Path dir) {
    return dir.getFileName() != null
        && dir.getFileName().toString().startsWith(FOLDER_PREFIX)
        && Files.isRegularFile(dir.resolve(INVENTORY), LinkOption.NOFOLLOW_LINKS)
        && Files.isDirectory(dir.resolve(CACHE), LinkOption.NOFOLLOW_LINKS);
  }

  /** The training's own folder: plain files and folders it wrote, no links. */
  private static void deleteTree(Path work) throws IOException {
    try (var paths = Files.walk(work)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static final String INVENTORY = "ephemery.yaml";
  private static final String CACHE = "cache";

  /**
   * The inventory, and a release cache holding the release of two iterations before {@code now}'s:
   * out of date, so that the commands also take their warning's path (the current release's path
   * loads a part of the same classes). Returns the install's exit code, command and output.
   */
  static String prepare(Path work, Instant now) throws IOException {
    Iteration old = new Iteration(IterationFormula.iterationAt(now).number() - 2);
    Path release = writeRelease(work.resolve("release"), old);
    writeInventory(work);
    Path cache = work.resolve(CACHE);
    return command("genesis", "fetch", "--from", release.toString(), "--dest", cache.toString());
  }

  /** One line per command run: its exit code, arguments and output, for a test to check. */
  static List<String> run(Path work) {
    Path before = PlanInputs.cacheRootOverride;
    // The user's commands find their cache through the environment, which the override skips.
    PlanInputs.cacheRootOverride = null;
    PlanInputs.cacheRoot();
    PlanInputs.cacheRootOverride = work.resolve(CACHE);
    try {
      String inv = work.resolve(INVENTORY).toString();
      List<String> runs = new ArrayList<>();
      runs.add(command("--version"));
      runs.add(command("check", "-f", inv));
      runs.add(command("plan", "-f", inv));
      // Without -f: the embedded default (monitoring on) unless the working folder has an
      // ephemery.yaml; the launcher trains in its target folder, which has none.
      runs.add(command("check"));
      runs.add(command("plan"));
      return runs;
    } finally {
      PlanInputs.cacheRootOverride = before;
    }
  }

  private static String command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return code + " " + String.join(" ", args) + "\n" + out + err;
  }

  /** Two local hosts with different clients, so both layers' profiles are trained twice. */
  private static Path writeInventory(Path work) throws IOException {
    Path base = work.resolve("nodes");
    String yaml =
        "network: ephemery\n"
            + "hosts:\n"
            + "  - name: training-a\n"
            + "    address: local\n"
            + "    baseDir: "
            + base.resolve("a")
            + "\n"
            + "    execution: {client: geth, p2pPort: 30403, rpcPort: 8645}\n"
            + "    consensus: {client: lighthouse, p2pPort: 9100}\n"
            + "    supervisor: {enabled: false}\n"
            + "    monitoring: {enabled: false}\n"
            + "  - name: training-b\n"
            + "    address: local\n"
            + "    baseDir: "
            + base.resolve("b")
            + "\n"
            + "    execution: {client: nethermind, p2pPort: 30503, rpcPort: 8745}\n"
            + "    consensus: {client: teku, p2pPort: 9200}\n"
            + "    supervisor: {enabled: false}\n"
            + "    monitoring: {enabled: false}\n";
    Path file = work.resolve(INVENTORY);
    Files.writeString(file, yaml);
    return file;
  }

  /** The stand-in release of {@code iteration}, in the published layout. */
  static Path writeRelease(Path dir, Iteration iteration) throws IOException {
    long el = IterationFormula.elGenesisOf(iteration).getEpochSecond();
    long cl = el + IterationFormula.GENESIS_DELAY.toSeconds();
    long chainId = new ChainId(ChainId.EPHEMERY_BASE + iteration.number()).value();
    long period = IterationFormula.PERIOD.toSeconds();
    String root = "0x" + "ab".repeat(32);
    String block = "0x" + "cd".repeat(32);
    String enr = "enr:-Iq4QTrainingRecordOnlyForTheStartUpArchive0000000000000000000000000000";
    String enode = "enode://" + "0".repeat(128) + "@127.0.0.1:30303";
    Files.createDirectories(dir);
    write(
        dir,
        "retention.vars",
        "export ITERATION_NUMBER=\"%d\"\nexport ITERATION_RELEASE=\"ephemery-%d\"\n"
            + "export GENESIS_TIMESTAMP=\"%d\"\nexport GENESIS_RESET_INTERVAL=\"%d\"\n"
            + "export CHAIN_ID=\"%d\"\n",
        iteration.number(),
        iteration.number(),
        el,
        period,
        chainId);
    write(
        dir,
        "nodevars_env.txt",
        "ITERATION_NUMBER=\"%d\"\nCHAIN_ID=\"%d\"\nGENESIS_TIME=\"%d\"\nGENESIS_VALROOT=\"%s\"\n"
            + "GENESIS_BLOCK=\"%s\"\nBOOTNODE_ENR_LIST=\"%s\"\nBOOTNODE_ENODE_LIST=\"%s\"\n",
        iteration.number(),
        chainId,
        cl,
        root,
        block,
        enr,
        enode);
    write(
        dir,
        "config.yaml",
        "# stand-in for the start-up training\nPRESET_BASE: mainnet\nCONFIG_NAME: testnet\n"
            + "MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: 64\nMIN_GENESIS_TIME: %d\nGENESIS_DELAY: %d\n"
            + "ELECTRA_FORK_EPOCH: 0\nFULU_FORK_EPOCH: 0\nSECONDS_PER_SLOT: 12\n"
            + "DEPOSIT_CHAIN_ID: %d\nDEPOSIT_NETWORK_ID: %d\n"
            + "DEPOSIT_CONTRACT_ADDRESS: 0x4242424242424242424242424242424242424242\n"
            + "EPHEMERY_RESET_PERIOD: %d\n",
        el,
        cl - el,
        chainId,
        chainId,
        period);
    String genesis =
        "{\"config\": {\"chainId\": %d, \"shanghaiTime\": 0, \"blobSchedule\": {\"cancun\":"
            + " {\"target\": 3, \"max\": 6}}}, \"alloc\": {\"0x4242424242424242424242424242424242424242\":"
            + " {\"balance\": \"0x0\", \"code\": \"0x00\", \"storage\": {\"0x00\": \"0x01\"}}},"
            + " \"extraData\": \"0x\", \"list\": [1, 2.5, true, null, [\"x\"]], \"timestamp\": \"0x%x\"}\n";
    write(dir, "genesis.json", genesis, chainId, el);
    write(dir, "besu.json", genesis, chainId, el);
    write(
        dir,
        "chainspec.json",
        "{\"name\": \"training\", \"params\": {\"networkID\": \"0x%x\"},"
            + " \"genesis\": {\"timestamp\": \"0x%x\"}, \"accounts\": {}}\n",
        chainId,
        el);
    write(dir, "deploy_block.txt", "0\n");
    write(dir, "deposit_contract_block.txt", "0\n");
    write(dir, "deposit_contract.txt", "0x4242424242424242424242424242424242424242\n");
    write(dir, "deposit_contract_block_hash.txt", block + "\n");
    write(dir, "genesis_validators_root.txt", root + "\n");
    write(dir, "boot_enr.yaml", "- " + enr + "\n");
    write(dir, "bootstrap_nodes.txt", enr + "\n");
    write(dir, "boot_enode.txt", enode + "\n");
    write(dir, "validator-names.yaml", "0-63: training\n");
    writeGenesisState(dir.resolve("genesis.ssz"), cl, root);
    return dir;
  }

  /** genesis_time and genesis_validators_root, then a hole up to the size the verifier wants. */
  private static void writeGenesisState(Path file, long genesisTime, String root)
      throws IOException {
    ByteBuffer head = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(genesisTime).put(HexFormat.of().parseHex(root.substring(2)));
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(head.array());
      out.setLength(8L << 20);
    }
  }

  private static void write(Path dir, String name, String format, Object... values) {
    try {
      Files.writeString(
          dir.resolve(name),
          values.length == 0 ? format : String.format(java.util.Locale.ROOT, format, values),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
