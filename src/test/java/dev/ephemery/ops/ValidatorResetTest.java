package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.runtime.local.Wiper;
import dev.ephemery.testing.CrashOnce;
import dev.ephemery.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole reset of each validator set-up, on data folders laid out as each client's pinned version
 * leaves them after an iteration with keys (paths from the clients' sources, see each {@link
 * Setup}): keys, secrets, wallets and identities come through byte for byte, the old chain's
 * slashing DB with its side files goes to the node's history with its EIP-3076 export, and the new
 * chain starts on a folder without it.
 */
class ValidatorResetTest {

  static final String PK = "0x" + "8e41b969".repeat(12);
  static final String PK2 = "0x" + "a329f988".repeat(12);
  static final String KEYSTORE = "keystore-m_12381_3600_0_0_0-1700000000";
  static final String KEYSTORE2 = "keystore-m_12381_3600_1_0_0-1700000000";

  /**
   * One validator set-up as the reset finds it. Paths are relative to {@code <baseDir>/data};
   * {@code slashingDb} is relative to the data folder of {@code holder}, the container that keeps
   * the slashing DB (the validator client, or grandine's beacon node).
   *
   * @param untouched keys, secrets, wallets, passwords, node identities: kept byte for byte
   * @param slashingDb the old chain's slashing DB and its side files: archived, then gone
   * @param chain the old chain's data: gone
   */
  record Setup(
      String cl,
      String vc,
      String holder,
      List<String> untouched,
      List<String> slashingDb,
      List<String> chain) {

    @Override
    public String toString() {
      return vc == null ? cl + " (built-in validator)" : cl + " + " + vc + " VC";
    }

    /** Lighthouse refuses to start with keys and no slashing DB: only its keys are registered. */
    boolean registersKeys() {
      return "lighthouse".equals(vc);
    }
  }

  static final List<String> EXECUTION_KEPT =
      List.of("execution/geth/nodekey", "execution/keystore/UTC--2024-01-01--abc");
  static final List<String> EXECUTION_CHAIN =
      List.of("execution/geth/chaindata/000001.ldb", "execution/geth/chaindata/ancient/x.cidx");

  static List<Setup> setups() {
    return List.of(
        // sigp/lighthouse account_manager/src/validator/import.rs keeps the keystore's name and
        // puts the password into validator_definitions.yml; slashing_database.rs sets no journal
        // mode (a rollback journal, -journal, is what a killed client leaves beside the DB).
        new Setup(
            "lighthouse",
            "lighthouse",
            "validator",
            List.of(
                "consensus/beacon/network/key",
                "consensus/beacon/network/enr.dat",
                "validator/validators/" + PK + "/" + KEYSTORE + ".json",
                "validator/validators/" + PK2 + "/" + KEYSTORE2 + ".json",
                "validator/validators/validator_definitions.yml"),
            List.of(
                "validators/slashing_protection.sqlite",
                "validators/slashing_protection.sqlite-journal"),
            List.of(
                "consensus/beacon/chain_db/000001.ldb",
                "consensus/beacon/freezer_db/000001.ldb",
                "consensus/beacon/blobs_db/000001.ldb")),
        // OffchainLabs/prysm validator/keymanager/local/keymanager.go (one keystore for all keys,
        // wallet kind "direct"); validator/db/kv/db.go: validator.db in --datadir (bolt, no side
        // files); accepting the terms writes tosaccepted into the data folder.
        new Setup(
            "prysm",
            "prysm",
            "validator",
            List.of(
                "consensus/network-keys",
                "validator/wallet/direct/accounts/all-accounts.keystore.json",
                "validator/wallet-password.txt",
                "validator/tosaccepted"),
            List.of("validator.db"),
            List.of(
                "consensus/beaconchaindata/beaconchain.db",
                "consensus/blobs/0x12ab/0.ssz",
                "consensus/data-columns/0x12ab/0.sszs")),
        // Consensys/teku 26.8.0: keys read in place from the keys mount with a <keystore>.txt
        // each (laid out by the tool under validator-passwords/), keymanager keys under
        // validator/key-manager/, slashing protection one <pubkey without 0x>.yml per key
        // (ValidatorClientService.java, SlashingProtectionIncrementalExporter.java).
        new Setup(
            "teku",
            "teku",
            "validator",
            List.of(
                "consensus/beacon/kvstore/generated-node-key.dat",
                "validator/validator-passwords/" + KEYSTORE + ".txt",
                "validator/validator-passwords/" + KEYSTORE2 + ".txt",
                "validator/validator/key-manager/local/" + PK2.substring(2) + ".json",
                "validator/validator/key-manager/local-passwords/" + PK2.substring(2) + ".txt"),
            List.of(
                "validator/slashprotection/" + PK.substring(2) + ".yml",
                "validator/slashprotection/" + PK2.substring(2) + ".yml"),
            List.of(
                "consensus/beacon/db/000001.sst",
                "consensus/beacon/db.version",
                "consensus/logs/teku.log")),
        // status-im/nimbus-eth2 keystore_management.nim (validators/0x<pk>/keystore.json,
        // secrets/0x<pk>), nimbus_beacon_node.nim SlashingDbName in the validators folder.
        new Setup(
            "nimbus",
            "nimbus",
            "validator",
            List.of(
                "consensus/netkey",
                "validator/validators/" + PK + "/keystore.json",
                "validator/validators/" + PK2 + "/keystore.json",
                "validator/secrets/" + PK,
                "validator/secrets/" + PK2),
            List.of(
                "validators/slashing_protection.sqlite3",
                "validators/slashing_protection.sqlite3-wal",
                "validators/slashing_protection.sqlite3-shm"),
            List.of("consensus/db/nbc.sqlite3", "consensus/db/nbc.sqlite3-wal")),
        // ChainSafe/lodestar packages/cli/src/cmds/validator/paths.ts: keystores/0x<pk>/
        // voting-keystore.json, secrets/0x<pk>, validator-db/ (a LevelDB folder).
        new Setup(
            "lodestar",
            "lodestar",
            "validator",
            List.of(
                "consensus/peer-id.json",
                "validator/keystores/" + PK + "/voting-keystore.json",
                "validator/secrets/" + PK),
            List.of(
                "validator-db/000003.log",
                "validator-db/CURRENT",
                "validator-db/LOCK",
                "validator-db/LOG",
                "validator-db/MANIFEST-000002"),
            List.of("consensus/chain-db/000005.ldb", "consensus/chain-db/CURRENT")),
        // grandinetech/grandine directories/src/lib.rs (<data-dir>/<CONFIG_NAME>/{beacon,network,
        // validator}), slashing_protection/src/lib.rs (DB_PATH, journal_mode WAL); keys are read in
        // place from the keys mount, keymanager keys in validator/keystores.json
        // (keymanager/src/keystores.rs).
        new Setup(
            "grandine",
            null,
            "consensus",
            List.of(
                "consensus/testnet/network/key",
                "consensus/testnet/network/enr.dat",
                "consensus/testnet/validator/keystores.json"),
            List.of(
                "testnet/validator/slashing_protection.sqlite",
                "testnet/validator/slashing_protection.sqlite-wal",
                "testnet/validator/slashing_protection.sqlite-shm"),
            List.of(
                "consensus/testnet/beacon/beacon_fork_choice/mdbx.dat",
                "consensus/testnet/beacon/sync/mdbx.dat")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void aResetKeepsEveryKeyAndArchivesTheOldChainsSlashingDbWithItsSideFiles(
      Setup setup, @TempDir Path root) {
    NodeFixture node = NodeFixture.withValidator(root, setup.cl(), setup.vc());
    Map<String, String> kept = layOut(node, setup);
    Map<String, String> slashing = hashes(node, slashingPaths(setup));
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    JournalStore store = new JournalStore(node.baseDir);
    ResetMachine machine = node.machineFor(154, runtime, store, clock());

    ResetJournal end = machine.run(machine.begin(154, false), d -> true, 50);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    assertEndState(node, setup, runtime, end, kept, slashing);
  }

  /** Every crash point of a reset, and one between the files of the slashing DB. */
  static List<String> crashPoints() {
    List<String> points = new ArrayList<>(ResetFaultInjectionTest.crashPoints());
    points.add(points.indexOf("exit:" + ResetState.WIPING), Wiper.MID_SLASHING_DB);
    return points;
  }

  /**
   * Killed at every point of the reset and rerun from the journal, a validator client whose
   * slashing DB has side files ends as an uninterrupted reset does, with nothing lost.
   */
  @ParameterizedTest(name = "nimbus VC killed at {0}")
  @MethodSource("crashPoints")
  void aResetKilledAnywhereEndsTheSameWithNothingLost(String point, @TempDir Path root) {
    Setup setup = setups().stream().filter(s -> "nimbus".equals(s.vc())).findFirst().orElseThrow();
    NodeFixture node = NodeFixture.withValidator(root, setup.cl(), setup.vc());
    Map<String, String> kept = layOut(node, setup);
    Map<String, String> slashing = hashes(node, slashingPaths(setup));
    FilesystemRuntime runtime = new FilesystemRuntime(node);
    JournalStore store = new JournalStore(node.baseDir);
    VerifiedReleases releases =
        i -> java.util.Optional.of(node.releaseCache.resolve("ephemery-" + i));
    ResetMachine killed =
        new ResetMachine(
            node.layout,
            runtime,
            releases,
            store,
            clock(),
            RetryPolicy.DEFAULT,
            new CrashOnce(point));
    ResetJournal started = killed.begin(154, false);
    assertThatThrownBy(() -> killed.run(started, d -> true, 50))
        .isInstanceOf(CrashOnce.SimulatedCrash.class);

    // A new process: only the files, the journal and the containers' state are left.
    ResetMachine rerun = node.machineFor(154, runtime, store, clock());
    ResetJournal resumed = rerun.begin(154, false);
    assertThat(resumed.id()).isEqualTo(started.id());
    ResetJournal end = rerun.run(resumed, d -> true, 50);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    assertEndState(node, setup, runtime, end, kept, slashing);
  }

  private static void assertEndState(
      NodeFixture node,
      Setup setup,
      FilesystemRuntime runtime,
      ResetJournal end,
      Map<String, String> kept,
      Map<String, String> slashing) {
    assertThat(hashes(node, kept.keySet())).as("keys, secrets, identities").isEqualTo(kept);
    Set<String> chain = new TreeSet<>(EXECUTION_CHAIN);
    chain.addAll(setup.chain());
    chain.forEach(c -> assertThat(node.baseDir.resolve("data/" + c)).as(c).doesNotExist());

    // The old chain's DB and side files, byte for byte, in the history of iteration 153, beside
    // the export the runtime wrote from that copy with the old chain's genesis.
    String archive = "slashing-protection/153/" + setup.holder() + "/";
    Map<String, String> archived = new TreeMap<>();
    slashing.forEach(
        (path, hash) -> archived.put(archive + path.substring(dataPrefix(setup).length()), hash));
    Set<String> archiveFiles = new TreeSet<>(archived.keySet());
    archiveFiles.add(archive + ResetMachine.EIP3076_FILE);
    assertThat(node.files(node.baseDir.resolve("slashing-protection")))
        .containsExactlyElementsOf(archiveFiles);
    assertThat(hashes(node, archived.keySet())).isEqualTo(archived);
    String export = read(node.baseDir.resolve(archive + ResetMachine.EIP3076_FILE));
    assertThat(export).contains("\"0x153\"", setup.holder() + ":" + setup.slashingDb().get(0));
    assertThat(runtime.calls).containsOnlyOnce("export " + setup.holder());
    assertThat(end.transitions().get(end.transitions().size() - 1).note())
        .endsWith("EIP-3076 export: [" + setup.holder() + "]");

    assertNewChainsSlashingDb(node, setup, runtime);
  }

  /**
   * The new chain's folder as the client first saw it: no file of the old DB; for lighthouse only,
   * a new DB with its keys registered for the new chain, made before its first start.
   */
  private static void assertNewChainsSlashingDb(
      NodeFixture node, Setup setup, FilesystemRuntime runtime) {
    Set<String> atStart = runtime.filesAtFirstStart.get(setup.holder());
    String db = dataPrefix(setup) + setup.slashingDb().get(0);
    for (String path : slashingPaths(setup)) {
      if (setup.registersKeys() && path.equals(db)) {
        assertThat(atStart).contains(path);
        assertThat(node.baseDir.resolve(path))
            .hasContent("fresh slashing db, keys registered for 154");
      } else {
        assertThat(atStart).as("at the first start on the new chain").doesNotContain(path);
      }
    }
    String register = "register " + setup.holder();
    if (setup.registersKeys()) {
      assertThat(runtime.calls).containsOnlyOnce(register);
      assertThat(runtime.calls.indexOf(register))
          .isLessThan(runtime.calls.indexOf("start " + setup.holder()));
    } else {
      assertThat(runtime.calls).doesNotContain(register);
    }
    // What the client made itself once started belongs to the new chain.
    node.files(node.dir(setup.holder())).stream()
        .filter(slashingPaths(setup)::contains)
        .forEach(p -> assertThat(read(node.baseDir.resolve(p))).startsWith("fresh slashing db"));
  }

  /** Lays the setup's files out; returns the hashes of those that must come through untouched. */
  private static Map<String, String> layOut(NodeFixture node, Setup setup) {
    List<String> all = new ArrayList<>(EXECUTION_KEPT);
    all.addAll(setup.untouched());
    all.addAll(EXECUTION_CHAIN);
    all.addAll(setup.chain());
    for (String path : all) {
      NodeFixture.write(node.baseDir.resolve("data/" + path), content(path));
    }
    for (String path : slashingPaths(setup)) {
      // The holder and path first: FilesystemRuntime's export lists the files it read by content.
      NodeFixture.write(node.baseDir.resolve(path), content(path.substring(5)));
    }
    List<String> untouched = new ArrayList<>(EXECUTION_KEPT);
    untouched.addAll(setup.untouched());
    return hashes(node, untouched.stream().map(p -> "data/" + p).toList());
  }

  /** The slashing DB's files relative to baseDir. */
  private static List<String> slashingPaths(Setup setup) {
    return setup.slashingDb().stream().map(p -> dataPrefix(setup) + p).toList();
  }

  private static String dataPrefix(Setup setup) {
    return "data/" + setup.holder() + "/";
  }

  /** Text (the export reads it as such) naming the file, then bytes of its own. */
  private static String content(String path) {
    byte[] noise = new byte[64];
    new Random(path.hashCode()).nextBytes(noise);
    String head = path.endsWith("validator_definitions.yml") ? definitions() : "";
    return path.replaceFirst("/", ":") + "\n" + head + HexFormat.of().formatHex(noise);
  }

  private static String definitions() {
    StringBuilder yaml = new StringBuilder("---\n");
    for (String[] key : new String[][] {{PK, KEYSTORE}, {PK2, KEYSTORE2}}) {
      yaml.append("- enabled: true\n  voting_public_key: \"")
          .append(key[0])
          .append("\"\n  type: local_keystore\n  voting_keystore_path: /data/validators/")
          .append(key[0])
          .append('/')
          .append(key[1])
          .append(".json\n  voting_keystore_password: not-a-real-password\n");
    }
    return yaml.toString();
  }

  private static Map<String, String> hashes(NodeFixture node, Iterable<String> paths) {
    Map<String, String> hashes = new TreeMap<>();
    for (String path : paths) {
      Path file = node.baseDir.resolve(path);
      hashes.put(path, Files.exists(file) ? sha256(file) : "missing");
    }
    return hashes;
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MutableClock clock() {
    return new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
  }
}
