package dev.ephemery.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule fed with the client's real text: the log lines below are quoted from the sources named
 * beside them; the finding-only rules get the detail the probes write.
 */
class DoctorRulesTest {

  static final Set<String> COVERED = new HashSet<>();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // lighthouse v5+ (clap invalid value for lighthouse/src/main.rs --network); also named in
        // ansible-ephemery docs/tutorials/deployment/MAINNET_DEPLOYMENT.md
        "network-name|error: invalid value 'ephemery' for '--network <network>'",
        // grandine prints clap's text with its own value name
        "network-name|error: invalid value 'ephemery-153' for '--network <NETWORK>'",
        // teku ethereum/spec/.../SpecConfigLoader.java: "Unable to load configuration source \"" +
        // source + "\": "
        "teku-network-name|Unable to load configuration source \"ephemery\": Not a file",
        // go-ethereum cmd/geth/main.go func geth: fmt.Errorf("invalid command: %q", args[0])
        "binary-repeated|Fatal: invalid command: \"geth\"",
        // Go's flag package (geth, erigon via urfave/cli)
        "flag-removed-geth|flag provided but not defined: -txlookuplimit",
        // besu (picocli UnmatchedArgumentException)
        "flag-removed-besu|Unknown option: '--Xv5-discovery-enabled'",
        // clap UnknownArgument (reth, grandine)
        "flag-removed-clap|error: unexpected argument '--engine.legacy' found",
        // nethermind (System.CommandLine)
        "flag-removed-nethermind|Unrecognized command or argument '--datadir=/data'",
        // lighthouse beacon_node/execution_layer/src/engine_api/auth.rs Error::InvalidToken
        "jwt-invalid-token|WARN Error during execution payload call error: Auth(InvalidToken)",
        // lighthouse beacon_node/execution_layer/src/engines.rs:279
        "jwt-invalid-token|ERRO Failed jwt authorization, error: InvalidToken, service: exec",
        // teku infrastructure/logging/.../EventLogger.java:190
        "jwt-invalid-token|Execution Client request failed. Check the same JWT secret is configured for Teku and the Execution Client.",
        // prysm beacon-chain/execution/engine_client.go:1279
        "jwt-invalid-token|HTTP authentication to your execution client is not working. Please ensure you are setting a correct value for the --jwt-secret flag in Prysm",
        // lodestar packages/beacon-node/src/execution/engine/http.ts:510
        "jwt-invalid-token|error: Execution client authentication failed",
        // lighthouse beacon_node/beacon_chain/src/builder.rs:486
        "checkpoint-other-network|CRIT Snapshot state appears to be from the wrong network. Genesis validators root is 0x1 but should be 0x2",
        // prysm config/params/configset.go:175
        "checkpoint-other-network|error detecting chain config for finalized state: version=0x1000101b not found in any known fork choice schedule",
        // nimbus beacon_chain/trusted_node_sync.nim:363
        "checkpoint-other-network|ERR Checkpoint state does not match genesis",
        // nimbus beacon_chain/nimbus_beacon_node.nim:247
        "previous-iteration|FAT The specified --data-dir contains data for a different network",
        // lodestar packages/cli/src/cmds/beacon/initBeaconState.ts:49
        "previous-iteration|Error: Db state and checkpoint state are not compatible, either clear the db or verify your checkpoint source",
        // nimbus beacon_chain/networking/network_metadata.nim:176
        "nimbus-block-hash|A network with deposit contract should specify the deposit contract deployment block hash in a file name deposit_contract_block_hash.txt",
        // prometheus cmd/prometheus/main.go: "Error loading config (--config.file=%s)"
        "prometheus-config|ts=2024-07-01T15:35:06.232Z caller=main.go:537 level=error msg=\"Error loading config (--config.file=/etc/prometheus/prometheus.yml)\" file=/etc/prometheus/prometheus.yml err=\"parsing YAML file /etc/prometheus/prometheus.yml: yaml: line 23: did not find expected key\"",
        // Linux ENOSPC as Go prints it (geth)
        "disk-full|Fatal: Failed to write block: write /data/geth/chaindata/000123.log: no space left on device",
        // Linux EACCES (geth opening its data folder; lighthouse reading the JWT)
        "permission-denied|Fatal: Failed to create the protocol stack: open /data/geth/LOCK: permission denied",
        "permission-denied|CRIT Failed to start beacon node reason: Failed to read JWT secret file \"/jwt.hex\", error: Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }",
        // Linux EADDRINUSE (Go net.Listen) and moby's port allocator
        "port-conflict|Fatal: Error starting protocol stack: listen tcp :30303: bind: address already in use",
        "port-conflict|Error response from daemon: driver failed programming external connectivity: Bind for 0.0.0.0:9000 failed: port is already allocated",
        // lighthouse validator_client/src/notifier.rs:96
        "validator-no-keys|WARN No validators present, msg: see `lighthouse vm create --help` or the HTTP API documentation",
        // lodestar packages/cli/src/cmds/validator/signers/logSigners.ts:64
        "validator-no-keys|warn: No local keystores or remote keys found with current args, expecting to be added via keymanager",
      })
  void aClientsOwnLineNamesItsRule(String rule, String line) {
    var match = DoctorRules.matchLog(List.of("INFO starting", line, "INFO shutting down"));
    assertThat(match).as(line).isPresent();
    assertThat(match.get().rule().id()).isEqualTo(rule);
    assertThat(match.get().evidence()).isEqualTo(line);
    COVERED.add(rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "restart-loop|container.restart-loop|restarting (last exit code 1, restarted 7 times)",
        "clock-skew|clock.skew|consensus's clock is 14.0 s from this machine's",
        "release-missing|release.missing-near-reset|the next release is not cached yet",
        "release-missing|release.missing|the next iteration has begun and its release is not cached",
        "validator-no-keys|validator.no-keys|the validator runs without keys",
        "previous-iteration|consensus.previous-iteration|still on iteration 152",
        "previous-iteration|execution.previous-iteration|eth_chainId is 39438152",
        "checkpoint-other-network|checkpoint.other-network|serves genesis_validators_root 0x1",
        "jwt-invalid-token|link.invalid-token|the EL refused the JWT (HTTP 401, InvalidToken)",
        "disk-full|disk.full|1.0 GiB free of 100.0 GiB",
        "oom|container.oom|exited: killed for lack of memory (OOMKilled)",
      })
  void aProbeFindingNamesItsRule(String rule, String code, String detail) {
    Finding finding = Finding.of("cl", "x", Verdict.FAIL, code, detail);
    List<DoctorRules.Match> matches = DoctorRules.match(List.of(finding), Map.of());
    assertThat(matches).extracting(m -> m.rule().id()).containsExactly(rule);
    assertThat(matches.get(0).evidence()).isEqualTo(detail);
    COVERED.add(rule);
  }

  @Test
  void theExampleOfEveryLogRuleMatchesIt() {
    for (DoctorRules.Rule rule : DoctorRules.RULES) {
      assertThat(rule.cause()).isNotBlank();
      assertThat(rule.fix()).isNotBlank();
      assertThat(rule.source()).isNotBlank();
      if (!rule.texts().isEmpty()) {
        assertThat(DoctorRules.matchLog(List.of(rule.example())))
            .as(rule.id())
            .hasValueSatisfying(m -> assertThat(m.rule().id()).isEqualTo(rule.id()));
      }
    }
  }

  @Test
  void logsAndFindingsTogetherGiveEveryRuleOnce() {
    var matches =
        DoctorRules.match(
            List.of(Finding.of("disk", "free", Verdict.FAIL, "disk.full", "1 GiB free")),
            Map.of(
                "cl",
                List.of("ERRO Failed jwt authorization", "ERRO Failed jwt authorization"),
                "el",
                List.of("write x: no space left on device")));
    assertThat(matches)
        .extracting(m -> m.rule().id())
        .containsExactly("jwt-invalid-token", "disk-full");
    assertThat(matches.get(0).where()).isEqualTo("cl");
    assertThat(matches.get(1).where()).isEqualTo("disk");
  }

  @Test
  void unknownTextsAreNotGuessed() {
    assertThat(DoctorRules.matchLog(List.of("INFO all good", "panic: something new"))).isEmpty();
    assertThat(DoctorRules.match(List.of(Finding.ok("el", "x", "fine")), Map.of())).isEmpty();
  }

  @AfterAll
  static void everyRuleHasARealText() {
    assertThat(COVERED)
        .as("rules without a test fed with real text")
        .containsAll(DoctorRules.RULES.stream().map(DoctorRules.Rule::id).toList());
  }
}
