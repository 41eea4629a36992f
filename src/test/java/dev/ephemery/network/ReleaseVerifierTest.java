package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.ReleaseProblem.Kind;
import dev.ephemery.testing.ReleaseFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReleaseVerifierTest {

  @Test
  void theRealRelease153IsValid() {
    ReleaseVerification verification = ReleaseVerifier.verify(ReleaseFixtures.release153());

    assertThat(verification.problemTexts()).isEmpty();
    Release release = verification.release();
    assertThat(release.iteration()).isEqualTo(new Iteration(153));
    assertThat(release.chainId()).isEqualTo(new ChainId(39_438_153L));
    assertThat(release.elGenesisTime()).isEqualTo(Instant.ofEpochSecond(1_763_665_200L));
    assertThat(release.clGenesisTime()).isEqualTo(Instant.ofEpochSecond(1_763_665_800L));
    assertThat(release.resetPeriod()).isEqualTo(Duration.ofDays(28));
    assertThat(release.genesisValidatorsRoot()).isEqualTo(ReleaseFixtures.VALIDATORS_ROOT);
    assertThat(release.enrBootnodes()).hasSize(3);
    assertThat(release.enodeBootnodes()).hasSize(2);
    assertThat(release.genesisBlockHash()).startsWith("0x7b3c37be");
    assertThat(release.nextReset()).isEqualTo(Instant.parse("2025-12-18T19:00:00Z"));
  }

  @Test
  void theFixtureWithoutGenesisSszIsIncomplete() {
    ReleaseVerification verification = ReleaseVerifier.verify(ReleaseFixtures.fixtureFiles());

    assertThat(verification.valid()).isFalse();
    assertThat(verification.problemTexts())
        .containsExactly("missing-file: genesis.ssz: not in the release");
    assertThat(verification.iteration()).isEqualTo(153);
  }

  @Test
  void aConsistentlyRewrittenIterationIsValid() {
    ReleaseVerification verification = ReleaseVerifier.verify(ReleaseFixtures.releaseFor(160));
    assertThat(verification.problemTexts()).isEmpty();
    assertThat(verification.release().chainId().value()).isEqualTo(39_438_160L);
  }

  @Test
  void matchesTheTagItWasFetchedAs() {
    assertThat(
            ReleaseVerifier.verify(ReleaseFixtures.release153(), Optional.of("ephemery-153"))
                .valid())
        .isTrue();
    ReleaseVerification other =
        ReleaseVerifier.verify(ReleaseFixtures.release153(), Optional.of("ephemery-154"));
    assertThat(other.problems())
        .extracting(ReleaseProblem::kind)
        .containsExactly(Kind.RELEASE_TAG_MISMATCH);
    assertThat(other.release()).isNull();
  }

  static Stream<Arguments> inconsistentReleases() {
    return Stream.of(
        broken(
            "config.yaml chain id",
            Kind.CHAIN_ID_MISMATCH,
            "config.yaml",
            f ->
                replace(
                    f, "config.yaml", "DEPOSIT_CHAIN_ID: 39438153", "DEPOSIT_CHAIN_ID: 39438154")),
        broken(
            "config.yaml network id",
            Kind.CHAIN_ID_MISMATCH,
            "config.yaml",
            f ->
                replace(
                    f, "config.yaml", "DEPOSIT_NETWORK_ID: 39438153", "DEPOSIT_NETWORK_ID: 38356")),
        broken(
            "genesis.json chain id",
            Kind.CHAIN_ID_MISMATCH,
            "genesis.json",
            f -> replace(f, "genesis.json", "\"chainId\": 39438153", "\"chainId\": 39438152")),
        broken(
            "besu.json chain id",
            Kind.CHAIN_ID_MISMATCH,
            "besu.json",
            f -> replace(f, "besu.json", "\"chainId\": 39438153", "\"chainId\": 1")),
        broken(
            "chainspec network id",
            Kind.CHAIN_ID_MISMATCH,
            "chainspec.json",
            f -> replace(f, "chainspec.json", "0x259c749", "0x259c748")),
        broken(
            "nodevars iteration",
            Kind.ITERATION_MISMATCH,
            "nodevars_env.txt",
            f ->
                replace(
                    f, "nodevars_env.txt", "ITERATION_NUMBER=\"153\"", "ITERATION_NUMBER=\"152\"")),
        broken(
            "retention release tag",
            Kind.ITERATION_MISMATCH,
            "retention.vars",
            f -> replace(f, "retention.vars", "ephemery-153", "ephemery-154")),
        broken(
            "every chain id off the formula",
            Kind.CHAIN_ID_NOT_ITERATION,
            "",
            f -> {
              ReleaseFiles out = f;
              for (String name :
                  new String[] {
                    "retention.vars", "nodevars_env.txt", "config.yaml", "genesis.json", "besu.json"
                  }) {
                out = replace(out, name, "39438153", "39438999");
              }
              return replace(
                  out, "chainspec.json", "0x259c749", "0x" + Long.toHexString(39438999L));
            }),
        broken(
            "genesis.json timestamp (hex)",
            Kind.EL_GENESIS_MISMATCH,
            "genesis.json",
            f ->
                replace(
                    f,
                    "genesis.json",
                    "\"timestamp\": \"1763665200\"",
                    "\"timestamp\": \"0x691f6531\"")),
        broken(
            "MIN_GENESIS_TIME",
            Kind.EL_GENESIS_MISMATCH,
            "config.yaml",
            f ->
                replace(
                    f,
                    "config.yaml",
                    "MIN_GENESIS_TIME: 1763665200",
                    "MIN_GENESIS_TIME: 1763665260")),
        broken(
            "GENESIS_DELAY",
            Kind.CL_GENESIS_MISMATCH,
            "config.yaml",
            f -> replace(f, "config.yaml", "GENESIS_DELAY: 600", "GENESIS_DELAY: 300")),
        broken(
            "genesis.ssz genesis_time",
            Kind.CL_GENESIS_MISMATCH,
            "genesis.ssz",
            f ->
                f.with(
                    "genesis.ssz",
                    ReleaseFixtures.sszPlaceholder(
                        1_763_665_801L,
                        ReleaseFixtures.VALIDATORS_ROOT,
                        ReleaseFixtures.GENESIS_SSZ_SIZE))),
        broken(
            "genesis.ssz validators root",
            Kind.VALIDATORS_ROOT_MISMATCH,
            "genesis.ssz",
            f ->
                f.with(
                    "genesis.ssz",
                    ReleaseFixtures.sszPlaceholder(
                        ReleaseFixtures.CL_GENESIS,
                        "0x" + "11".repeat(32),
                        ReleaseFixtures.GENESIS_SSZ_SIZE))),
        broken(
            "genesis_validators_root.txt",
            Kind.VALIDATORS_ROOT_MISMATCH,
            "genesis_validators_root.txt",
            f -> f.with("genesis_validators_root.txt", "0x" + "22".repeat(32) + "\n")),
        broken(
            "reset period",
            Kind.RESET_PERIOD_MISMATCH,
            "config.yaml",
            f ->
                replace(
                    f,
                    "config.yaml",
                    "EPHEMERY_RESET_PERIOD: 2419200",
                    "EPHEMERY_RESET_PERIOD: 604800")),
        broken(
            "deposit_contract_block_hash.txt not GENESIS_BLOCK",
            Kind.GENESIS_BLOCK_MISMATCH,
            "deposit_contract_block_hash.txt",
            f -> f.with("deposit_contract_block_hash.txt", "0x" + "33".repeat(32) + "\n")),
        broken(
            "deploy_block.txt not deposit_contract_block.txt",
            Kind.DEPOSIT_BLOCK_MISMATCH,
            "deploy_block.txt",
            f -> f.with("deploy_block.txt", "17\n")),
        broken(
            "140-byte genesis.ssz",
            Kind.GENESIS_STATE_TOO_SMALL,
            "genesis.ssz",
            f ->
                f.with(
                    "genesis.ssz",
                    ReleaseFixtures.sszPlaceholder(
                        ReleaseFixtures.CL_GENESIS, ReleaseFixtures.VALIDATORS_ROOT, 140))),
        broken(
            "empty deposit_contract_block_hash.txt (Nimbus needs it)",
            Kind.EMPTY_FILE,
            "deposit_contract_block_hash.txt",
            f -> f.with("deposit_contract_block_hash.txt", "")),
        broken(
            "missing boot_enr.yaml",
            Kind.MISSING_FILE,
            "boot_enr.yaml",
            f -> f.without("boot_enr.yaml")),
        broken(
            "genesis.json not JSON",
            Kind.UNPARSABLE,
            "genesis.json",
            f -> f.with("genesis.json", "<html>rate limited</html>")),
        broken(
            "retention.vars without CHAIN_ID",
            Kind.MISSING_VALUE,
            "retention.vars",
            f -> replace(f, "retention.vars", "export CHAIN_ID=\"39438153\"", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inconsistentReleases")
  void rejectsAnInconsistentReleaseAndNamesTheProblem(
      String description, Kind kind, String file, UnaryOperator<ReleaseFiles> breakIt) {
    ReleaseVerification verification =
        ReleaseVerifier.verify(breakIt.apply(ReleaseFixtures.release153()));

    assertThat(verification.valid()).isFalse();
    assertThat(verification.release()).isNull();
    assertThat(verification.problems())
        .as(verification.problemTexts().toString())
        .hasSize(1)
        .first()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(kind);
              assertThat(problem.file()).isEqualTo(file);
              assertThat(problem.describe()).startsWith(kind.code() + ": ");
            });
  }

  @Test
  void theDuplicatedBlockFilesAndTheStateSizeAreNamedWithBothValues() {
    ReleaseFiles files =
        ReleaseFixtures.release153()
            .with("deposit_contract_block_hash.txt", "0x" + "33".repeat(32) + "\n")
            .with("deploy_block.txt", "17\n")
            .with(
                "genesis.ssz",
                ReleaseFixtures.sszPlaceholder(
                    ReleaseFixtures.CL_GENESIS, ReleaseFixtures.VALIDATORS_ROOT, 140));

    assertThat(ReleaseVerifier.verify(files).problemTexts())
        .containsExactlyInAnyOrder(
            "genesis-block-mismatch: deposit_contract_block_hash.txt: block hash is 0x"
                + "33".repeat(32)
                + " but nodevars_env.txt GENESIS_BLOCK is"
                + " 0x7b3c37be95550af7241bb38cb2fb28ac5b6e58fe7eebb601da5f37c8721f4aa5"
                + " (execution genesis block hash)",
            "deposit-block-mismatch: deploy_block.txt: block number is 17 but"
                + " deposit_contract_block.txt block number is 0 (deposit contract block)",
            "genesis-state-too-small: genesis.ssz: is 140 bytes, but a Fulu BeaconState"
                + " (config.yaml FULU_FORK_EPOCH: 0) with 30201 validators (validator-names.yaml)"
                + " is at least 6935748 bytes");
  }

  @Test
  void withoutValidatorNamesTheStateBoundUsesTheGenesisMinimum() {
    ReleaseFiles files =
        ReleaseFixtures.release153()
            .without("validator-names.yaml")
            .with(
                "genesis.ssz",
                ReleaseFixtures.sszPlaceholder(
                    ReleaseFixtures.CL_GENESIS, ReleaseFixtures.VALIDATORS_ROOT, 2_000_000));

    assertThat(ReleaseVerifier.verify(files).problemTexts())
        .containsExactly(
            "genesis-state-too-small: genesis.ssz: is 2000000 bytes, but a Fulu BeaconState"
                + " (config.yaml FULU_FORK_EPOCH: 0) with 64 validators (config.yaml"
                + " MIN_GENESIS_ACTIVE_VALIDATOR_COUNT) is at least 2746705 bytes");
  }

  @Test
  void anElectraGenesisStateHasNoProposerLookahead() {
    var config = java.util.Map.of("ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "5");
    var fulu = java.util.Map.of("ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "0");
    long electra = GenesisStateSize.minimum(config, Optional.empty()).orElseThrow().bytes();
    long withLookahead = GenesisStateSize.minimum(fulu, Optional.empty()).orElseThrow().bytes();
    assertThat(withLookahead - electra).isEqualTo(64 * 8);
    assertThat(
            GenesisStateSize.minimum(java.util.Map.of("DENEB_FORK_EPOCH", "0"), Optional.empty()))
        .isEmpty();
  }

  @Test
  void reportsEveryDisagreementInOneRun() {
    ReleaseFiles files =
        replace(
            replace(
                ReleaseFixtures.release153(),
                "config.yaml",
                "GENESIS_DELAY: 600",
                "GENESIS_DELAY: 60"),
            "besu.json",
            "\"chainId\": 39438153",
            "\"chainId\": 7");
    ReleaseVerification verification = ReleaseVerifier.verify(files.without("chainspec.json"));

    assertThat(verification.problems())
        .extracting(ReleaseProblem::kind)
        .containsExactlyInAnyOrder(
            Kind.MISSING_FILE, Kind.CHAIN_ID_MISMATCH, Kind.CL_GENESIS_MISMATCH);
    assertThat(verification.problemTexts())
        .anySatisfy(
            text ->
                assertThat(text)
                    .isEqualTo(
                        "chain-id-mismatch: besu.json: config.chainId is 7 but retention.vars"
                            + " CHAIN_ID is 39438153 (chain id)"));
  }

  @Test
  void anInvalidReleaseCannotBeTurnedIntoARelease() {
    ReleaseVerification verification = ReleaseVerifier.verify(ReleaseFixtures.fixtureFiles());
    assertThat(verification.verified()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> verification.requireValid("x"))
        .isInstanceOf(dev.ephemery.common.InvalidInputException.class)
        .hasMessageContaining("missing-file");
  }

  private static Arguments broken(
      String description, Kind kind, String file, UnaryOperator<ReleaseFiles> breakIt) {
    return Arguments.of(description, kind, file, breakIt);
  }

  private static ReleaseFiles replace(ReleaseFiles files, String name, String from, String to) {
    String text = files.text(name).orElseThrow();
    if (!text.contains(from)) {
      throw new IllegalArgumentException(name + " does not contain " + from);
    }
    return files.with(name, text.replace(from, to));
  }
}
