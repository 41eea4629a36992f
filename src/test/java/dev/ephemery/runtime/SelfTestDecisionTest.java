package dev.ephemery.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per rule of when {@code up} runs the EL-CL link self-test, without Docker. */
class SelfTestDecisionTest {

  static final String PASSED =
      SelfTestDecision.fingerprint(Map.of("n1-el", "id-el", "n1-cl", "id-cl"));

  static SelfTestDecision decide(List<Change> changes) {
    return SelfTestDecision.decide(true, false, changes, PASSED, PASSED);
  }

  @Test
  void nothingChangedSinceItPassedAgainstTheSameContainersSkipsIt() {
    SelfTestDecision decision = decide(List.of());

    assertThat(decision.run()).isFalse();
    assertThat(decision.describe()).startsWith("skipped (nothing it depends on changed");
  }

  @Test
  void aCreatedOrRecreatedContainerRunsIt() {
    SelfTestDecision created =
        decide(List.of(new Change("create", "container", "n1-el", "missing")));
    SelfTestDecision recreated =
        decide(List.of(new Change("recreate", "container", "n1-cl", "plan changed")));

    assertThat(created.run()).isTrue();
    assertThat(created.reason()).isEqualTo("create container n1-el (missing)");
    assertThat(recreated.run()).isTrue();
    assertThat(recreated.reason()).isEqualTo("recreate container n1-cl (plan changed)");
  }

  @Test
  void aStartedOrRestartedContainerRunsIt() {
    assertThat(decide(List.of(new Change("start", "container", "n1-el", "exited"))).run()).isTrue();
    assertThat(
            decide(List.of(new Change("restart", "container", "n1-cl", "a step before it runs")))
                .run())
        .isTrue();
  }

  @Test
  void aNewJwtSecretRunsIt() {
    SelfTestDecision decision =
        decide(List.of(new Change("create", "jwt-secret", "/b/secrets/jwt.hex", "missing")));

    assertThat(decision.run()).isTrue();
    assertThat(decision.reason()).contains("jwt-secret");
  }

  @Test
  void aNewReleaseRunsIt() {
    assertThat(
            decide(List.of(new Change("replace", "release", "/b/testnet", "release files differ")))
                .run())
        .isTrue();
    assertThat(decide(List.of(new Change("create", "release", "/b/testnet", "missing"))).run())
        .isTrue();
  }

  @Test
  void aNewNetworkOrPulledImageRunsIt() {
    assertThat(decide(List.of(new Change("create", "network", "n1-net", "missing"))).run())
        .isTrue();
    assertThat(decide(List.of(new Change("pull", "image", "geth:1", "missing"))).run()).isTrue();
  }

  @Test
  void aFolderModeFixAloneDoesNotRunIt() {
    SelfTestDecision decision =
        decide(List.of(new Change("update", "folder", "/b/data/cl", "mode 755 -> 700")));

    assertThat(decision.run()).isFalse();
  }

  @Test
  void askingRunsItWhateverChanged() {
    SelfTestDecision decision = SelfTestDecision.decide(true, true, List.of(), PASSED, PASSED);

    assertThat(decision.run()).isTrue();
    assertThat(decision.reason()).isEqualTo("asked for");
  }

  @Test
  void noRecordedPassRunsIt() {
    SelfTestDecision decision = SelfTestDecision.decide(true, false, List.of(), null, PASSED);

    assertThat(decision.run()).isTrue();
    assertThat(decision.reason()).isEqualTo("it has not passed on this node yet");
  }

  @Test
  void containersOtherThanTheOnesItPassedAgainstRunIt() {
    String replacedByHand =
        SelfTestDecision.fingerprint(Map.of("n1-el", "another-id", "n1-cl", "id-cl"));

    SelfTestDecision decision =
        SelfTestDecision.decide(true, false, List.of(), PASSED, replacedByHand);

    assertThat(decision.run()).isTrue();
    assertThat(decision.reason()).contains("not the one it passed against");
  }

  @Test
  void withoutAnEnginePortThereIsNothingToTest() {
    SelfTestDecision decision =
        SelfTestDecision.decide(
            false, true, List.of(new Change("create", "container", "n1-el", "missing")), null, "");

    assertThat(decision.run()).isFalse();
    assertThat(decision.reason()).isEqualTo("the plan has no Engine API port");
  }

  @Test
  void theFingerprintDoesNotDependOnOrder() {
    assertThat(SelfTestDecision.fingerprint(Map.of("b", "2", "a", "1")))
        .isEqualTo("a=1\nb=2\n")
        .isEqualTo(
            SelfTestDecision.fingerprint(
                new java.util.LinkedHashMap<>(Map.of("a", "1", "b", "2"))));
  }

  @Test
  void aPassIsRecordedPerNodeAndAFailureForgetsIt(@TempDir Path dir) {
    SelfTestPolicy policy = new SelfTestPolicy(false, dir.resolve("records"));

    assertThat(policy.passedFor("n1")).isNull();
    policy.passed("n1", PASSED);
    assertThat(policy.passedFor("n1")).isEqualTo(PASSED);
    assertThat(policy.passedFor("n2")).isNull();

    policy.failed("n1");
    assertThat(policy.passedFor("n1")).isNull();
    assertThat(dir.resolve("records")).isEmptyDirectory();
  }

  @Test
  void withoutRecordsNothingIsKeptAndItRunsEveryTime() {
    SelfTestPolicy.EVERY_TIME.passed("n1", PASSED);

    assertThat(SelfTestPolicy.EVERY_TIME.passedFor("n1")).isNull();
    assertThat(SelfTestPolicy.EVERY_TIME.asked()).isTrue();
  }

  @Test
  void recordsLiveInTheUsersCacheUnlessConfigured() {
    assertThat(SelfTestPolicy.defaultRecords(Map.of(), "/home/op"))
        .isEqualTo(Path.of("/home/op/.cache/ephemery/link-self-tests"));
    assertThat(SelfTestPolicy.defaultRecords(Map.of("XDG_CACHE_HOME", "/c"), "/home/op"))
        .isEqualTo(Path.of("/c/ephemery/link-self-tests"));
    assertThat(SelfTestPolicy.defaultRecords(Map.of("EPHEMERY_LINK_RECORDS", "/r"), "/home/op"))
        .isEqualTo(Path.of("/r"));
  }
}
