package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.ops.BeaconValidators;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.BeaconApiStandIn;
import dev.ephemery.testkit.TestKeystores;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ephemery validator status} against a stand-in beacon node on loopback. */
class ValidatorStatusTest {

  static final String PASSWORD = ValidatorKeyFilesTest.PASSWORD;
  static final String CONTRACT = "0x00000000219ab540356cBB839Cbe05303d7705Fa";

  @TempDir Path temp;
  Path keys;
  Path passwords;
  TestKeystores.Generated first;
  TestKeystores.Generated second;
  BeaconApiStandIn beacon;

  @BeforeEach
  void setUp() throws IOException {
    PlanInputs.cacheRootOverride = temp.resolve("empty-cache");
    keys = ValidatorKeyFilesTest.privateDir(temp.resolve("keys"));
    passwords = ValidatorKeyFilesTest.privateDir(temp.resolve("passwords"));
    first = TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), PASSWORD, 11);
    second = TestKeystores.generate(TestKeystores.Kdf.fastScrypt(), PASSWORD, 12);
    for (TestKeystores.Generated keystore : List.of(first, second)) {
      ValidatorKeyFilesTest.privateFile(keys.resolve(keystore.fileName()), keystore.json());
      ValidatorKeyFilesTest.privateFile(
          passwords.resolve(keystore.fileName().replace(".json", ".txt")), PASSWORD + "\n");
    }
    Path testnet = Files.createDirectories(temp.resolve("node/testnet/ephemery-153"));
    Files.writeString(testnet.resolve("deposit_contract.txt"), CONTRACT + "\n");
    beacon = BeaconApiStandIn.start();
  }

  @AfterEach
  void tearDown() {
    beacon.close();
    PlanInputs.cacheRootOverride = null;
  }

  static String key(TestKeystores.Generated keystore) {
    return "0x" + keystore.pubkey().replaceFirst("^0x", "").toLowerCase(Locale.ROOT);
  }

  Path inventory(String address) throws IOException {
    Path file = temp.resolve("ephemery.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: node1
            address: %s
            baseDir: %s
            execution: { client: geth }
            consensus: { client: teku }
            validator:
              enabled: true
              keysDir: %s
              passwordsDir: %s
              feeRecipient: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        """
            .formatted(address, temp.resolve("node"), keys, passwords));
    return file;
  }

  CliRun status(String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "validator",
                "status",
                "-f",
                inventory("local").toString(),
                "--beacon-url",
                beacon.baseUri().toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void activeAndPendingKeysExitZero() throws IOException {
    beacon.validator(key(first), "active_ongoing").validator(key(second), "pending_queued");
    CliRun run = status();
    assertThat(run.code()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("node1: OK (2 keys")
        .containsPattern(key(first) + " +active +active_ongoing, index 0")
        .containsPattern(key(second) + " +pending +pending_queued, index 1")
        .doesNotContain("faucet");
    // One request, each key its own id parameter (the spec's query-array encoding).
    assertThat(beacon.requests())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("id=" + key(first))
        .contains("&id=");
  }

  @Test
  void aKeyWithoutDepositSaysWhereToGetEtherAndExitsOne() throws Exception {
    beacon.validator(key(first), "active_ongoing");
    CliRun run = status();
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.out())
        .contains("node1: ATTENTION")
        .containsPattern(key(second) + " +not deposited")
        .contains("1 key not deposited")
        .contains("https://faucet.bordel.wtf/")
        .contains("https://launchpad.ephemery.dev/")
        .contains(CONTRACT);
    JsonNode json = status("--output", "json").json().get(0);
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("keys").get(1).get("state").asText()).isEqualTo("not deposited");
    assertThat(json.get("keys").get(1).get("status").isNull()).isTrue();
    assertThat(json.get("deposit").get("depositContract").asText()).isEqualTo(CONTRACT);
    assertThat(json.get("deposit").get("launchpad").asText())
        .isEqualTo("https://launchpad.ephemery.dev/");
  }

  @Test
  void slashedOrExitedKeysExitOne() throws IOException {
    beacon.validator(key(first), "exited_slashed").validator(key(second), "exited_unslashed");
    CliRun run = status();
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern(key(first) + " +slashed")
        .containsPattern(key(second) + " +exited")
        .doesNotContain("faucet");
  }

  @Test
  void anUnreachableBeaconNodeExitsOneWithTheReason() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun run =
        CliRun.of(
            "validator",
            "status",
            "-f",
            inventory("local").toString(),
            "--beacon-url",
            "http://127.0.0.1:" + closed);
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.err())
        .contains("cannot reach http://127.0.0.1:" + closed)
        .doesNotContain("Exception\n\tat");
    assertThat(run.out()).contains("node1: NOT CHECKED");
  }

  @Test
  void anErrorAnswerExitsOneWithTheNodesMessage() throws IOException {
    beacon.respond(
        BeaconApiStandIn.VALIDATORS, 404, "{\"code\":404,\"message\":\"State not found\"}");
    CliRun run = status();
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("HTTP 404: State not found").contains("wait for it to sync");
  }

  @Test
  void aRemoteHostIsRefusedWithWhatToDoInstead() throws IOException {
    CliRun run =
        CliRun.of(
            "validator",
            "status",
            "-f",
            inventory("ssh://ops@node1.example.org").toString(),
            "--beacon-url",
            beacon.baseUri().toString());
    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err())
        .contains("node1")
        .contains("reached over SSH")
        .contains("run 'ephemery validator status' on the host itself");
    assertThat(beacon.requests()).isEmpty();
  }

  @Test
  void moreThan64KeysAreAskedInBatches() {
    List<String> many =
        IntStream.range(0, 70).mapToObj(i -> "0x" + String.format("%096x", i)).toList();
    beacon.validator(many.get(69), "active_ongoing");
    var known = new BeaconValidators(Duration.ofSeconds(5)).ask("node1", beacon.baseUri(), many);
    assertThat(known).containsOnlyKeys(many.get(69));
    assertThat(beacon.requestCount(BeaconApiStandIn.VALIDATORS)).isEqualTo(2);
  }

  @Test
  void theBeaconUrlComesFromThePlansLoopbackRestPort() {
    var plan =
        new Planner()
            .plan(
                Fixtures.inventory(
                    Fixtures.host(ExecutionClient.GETH, ConsensusClient.TEKU)
                        .validator(ConsensusClient.TEKU)
                        .build()),
                Fixtures.release153())
            .hosts()
            .get(0);
    assertThat(ValidatorStatusCommand.restPort(plan)).contains(5051);
  }

  @Test
  void noOutputCarriesThePasswordOrKeyMaterial() throws IOException {
    beacon.validator(key(first), "active_ongoing");
    // A secret where a keystore belongs is skipped, not echoed.
    ValidatorKeyFilesTest.privateFile(keys.resolve("oops.json"), PASSWORD);
    List<CliRun> runs =
        List.of(
            status(),
            status("--output", "json"),
            status("--debug"),
            CliRun.of(
                "validator",
                "status",
                "-f",
                inventory("local").toString(),
                "--beacon-url",
                "http://127.0.0.1:1"),
            CliRun.of("validator", "status", "--help"));
    assertThat(runs.get(0).out()).contains(key(first)).contains(key(second));
    for (CliRun run : runs) {
      assertThat(run.all()).doesNotContain(PASSWORD);
      for (TestKeystores.Generated keystore : List.of(first, second)) {
        assertThat(run.all())
            .doesNotContain(keystore.cipherMessage())
            .doesNotContain(keystore.checksum())
            .doesNotContain(java.util.HexFormat.of().formatHex(keystore.secret()));
      }
    }
  }
}
