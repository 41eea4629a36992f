package dev.ephemery.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

  static final long PERIOD = 2_419_200L;
  static final Instant GENESIS = Instant.ofEpochSecond(1_763_000_000L);
  static final Expected EXPECTED =
      new Expected(
          153,
          39_438_153L,
          GENESIS,
          GENESIS.plusSeconds(PERIOD - 600),
          PERIOD,
          "0x" + "ab".repeat(32),
          true);
  static final Instant NOW = GENESIS.plusSeconds(3600);

  static Observed.Consensus cl(long genesisTime, String root) {
    return new Observed.Consensus(
        "cl", null, 200, 100L, 0L, false, false, false, 12L, 200, genesisTime, root);
  }

  static Finding find(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
  }

  @Test
  void aBeaconNodeOnTheReleasesGenesisIsOk() {
    List<Finding> f =
        HealthRules.consensus(cl(GENESIS.getEpochSecond(), "0x" + "AB".repeat(32)), EXPECTED);
    assertThat(f).allMatch(x -> x.verdict() == Verdict.OK, "all OK: " + f);
  }

  @Test
  void aBeaconNodeOnThePreviousIterationFailsAndSaysSo() {
    Finding genesis =
        find(
            HealthRules.consensus(
                cl(GENESIS.getEpochSecond() - PERIOD, "0x" + "cd".repeat(32)), EXPECTED),
            "genesis");
    assertThat(genesis.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(genesis.code()).isEqualTo("consensus.previous-iteration");
    assertThat(genesis.detail()).contains("still on iteration 152");
  }

  @Test
  void anotherRootAtTheSameTimeIsAnotherChain() {
    Finding genesis =
        find(
            HealthRules.consensus(cl(GENESIS.getEpochSecond(), "0x" + "cd".repeat(32)), EXPECTED),
            "genesis");
    assertThat(genesis.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(genesis.code()).isEqualTo("consensus.wrong-chain");
  }

  @Test
  void healthSyncingPeersAndElOffline() {
    var syncing =
        new Observed.Consensus(
            "cl", null, 206, 10L, 90L, true, false, false, 0L, 200, GENESIS.getEpochSecond(), null);
    List<Finding> f = HealthRules.consensus(syncing, EXPECTED);
    assertThat(find(f, "health").verdict()).isEqualTo(Verdict.WARN);
    assertThat(find(f, "sync").detail()).contains("sync distance 90");
    assertThat(find(f, "peers").verdict()).isEqualTo(Verdict.WARN);
    var offline =
        new Observed.Consensus(
            "cl", null, 503, 10L, 0L, false, false, true, 3L, 200, GENESIS.getEpochSecond(), null);
    List<Finding> g = HealthRules.consensus(offline, EXPECTED);
    assertThat(find(g, "health").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(find(g, "sync").code()).isEqualTo("consensus.el-offline");
  }

  @Test
  void unreachableApisFail() {
    assertThat(HealthRules.consensus(Observed.Consensus.unreachable("x", "refused"), EXPECTED))
        .singleElement()
        .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.FAIL));
    assertThat(HealthRules.execution(Observed.Execution.unreachable("x", "refused"), EXPECTED, NOW))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("refused"));
  }

  @Test
  void executionChainIdSyncPeersAndHead() {
    var good =
        new Observed.Execution(
            "el", null, 39_438_153L, false, null, null, 5L, 100L, NOW.getEpochSecond() - 12);
    assertThat(HealthRules.execution(good, EXPECTED, NOW)).allMatch(f -> f.verdict() == Verdict.OK);

    var old =
        new Observed.Execution(
            "el", null, 39_438_152L, true, 10L, 50L, 0L, 10L, NOW.getEpochSecond() - 600);
    List<Finding> f = HealthRules.execution(old, EXPECTED, NOW);
    assertThat(find(f, "chain").code()).isEqualTo("execution.previous-iteration");
    assertThat(find(f, "chain").detail()).contains("39438152").contains("iteration 152");
    assertThat(find(f, "sync").detail()).contains("40 behind");
    assertThat(find(f, "peers").verdict()).isEqualTo(Verdict.WARN);
    assertThat(find(f, "head").code()).isEqualTo("execution.head-stale");
  }

  @Test
  void containers() {
    var crashed =
        new Observed.Container(
            "cl",
            "consensus",
            "exited",
            1,
            0,
            false,
            true,
            List.of("starting", "error: invalid value 'ephemery' for '--network <network>'"));
    Finding f = HealthRules.container(crashed);
    assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(f.detail()).contains("exited with code 1").contains("invalid value 'ephemery'");
    assertThat(f.detail()).contains("cause: the client does not know the network name");

    var looping =
        new Observed.Container("el", "execution", "restarting", 2, 7, false, true, List.of());
    assertThat(HealthRules.container(looping).code()).isEqualTo("container.restart-loop");
    var oom = new Observed.Container("el", "execution", "exited", 137, 0, true, true, List.of());
    assertThat(HealthRules.container(oom).code()).isEqualTo("container.oom");
    var init = new Observed.Container("init", "init", "exited", 0, 0, false, true, List.of());
    assertThat(HealthRules.container(init).verdict()).isEqualTo(Verdict.OK);
    var missing =
        new Observed.Container("vc", "validator", "missing", null, null, null, false, List.of());
    assertThat(HealthRules.container(missing).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void diskClockValidatorLinkAndRelease() {
    assertThat(HealthRules.disk(new Observed.Disk("/opt/e", 1L << 30, 100L << 30, null)).code())
        .isEqualTo("disk.full");
    assertThat(HealthRules.disk(new Observed.Disk("/opt/e", 50L << 30, 100L << 30, null)).verdict())
        .isEqualTo(Verdict.OK);
    assertThat(HealthRules.disk(new Observed.Disk("/opt/e", null, null, "no helper")).verdict())
        .isEqualTo(Verdict.UNKNOWN);

    var skewed = new Observed.ClockReading("consensus", NOW.plusSeconds(20), NOW);
    var fine = new Observed.ClockReading("execution", NOW, NOW.plusMillis(400));
    assertThat(HealthRules.clock(List.of(fine, skewed)).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(HealthRules.clock(List.of(fine)).verdict()).isEqualTo(Verdict.OK);
    assertThat(HealthRules.clock(List.of()).verdict()).isEqualTo(Verdict.UNKNOWN);

    assertThat(HealthRules.validator(new Observed.Validator(0, 0, 0, null)).code())
        .isEqualTo("validator.no-keys");
    assertThat(HealthRules.validator(new Observed.Validator(3, 1, 1, null)).verdict())
        .isEqualTo(Verdict.WARN);
    assertThat(
            HealthRules.link(new Observed.Link(false, "the EL refused the JWT (InvalidToken)"))
                .code())
        .isEqualTo("link.invalid-token");

    assertThat(HealthRules.release(EXPECTED, NOW).verdict()).isEqualTo(Verdict.OK);
    assertThat(HealthRules.release(EXPECTED, EXPECTED.nextReset().minusSeconds(600)).code())
        .isEqualTo("release.missing-near-reset");
    assertThat(HealthRules.release(EXPECTED, EXPECTED.nextReset().plusSeconds(60)).verdict())
        .isEqualTo(Verdict.FAIL);
  }

  @Test
  void aHostIsHealthyUnlessSomethingFails() {
    HostHealth warn =
        new HostHealth(
            "n",
            153,
            null,
            List.of(
                Finding.ok("el", "container", "running"),
                Finding.of("disk", "free", Verdict.WARN, "disk.low", "x")));
    assertThat(warn.healthy()).isTrue();
    assertThat(warn.verdict()).isEqualTo(Verdict.WARN);
    HostHealth fail =
        new HostHealth(
            "n",
            153,
            null,
            List.of(
                Finding.of("cl", "container", Verdict.FAIL, "c", "x"),
                Finding.of("cl", "x", Verdict.UNKNOWN, "unknown", "y")));
    assertThat(fail.healthy()).isFalse();
    assertThat(fail.components()).containsEntry("cl", Verdict.FAIL);
  }
}
