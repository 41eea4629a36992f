package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.ops.ContainerWatch.Observation;
import dev.ephemery.supervisor.RecoveryPolicy.Diagnose;
import dev.ephemery.supervisor.RecoveryPolicy.GiveUp;
import dev.ephemery.supervisor.RecoveryPolicy.Restart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryPolicyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  private final RecoveryPolicy policy = new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT);

  private static Observation running(String s, int restarts) {
    return new Observation(s, "running", restarts, null);
  }

  private static Observation exited(String s, int code) {
    return new Observation(s, "exited", 0, code);
  }

  @Test
  void aRunningContainerNeedsNothing() {
    assertThat(policy.decide(List.of(running("el", 0)), T0)).isEmpty();
    assertThat(policy.decide(List.of(running("el", 0)), T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void anExitedContainerIsRestartedAfterTheFirstBackoffNotBefore() {
    assertThat(policy.decide(List.of(exited("cl", 1)), T0)).isEmpty();
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(9))).isEmpty();
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(10)))
        .containsExactly(new Restart("cl", 1));
  }

  @Test
  void theBackoffDoublesWhileTheContainerStaysDownAndIsCapped() {
    policy.decide(List.of(exited("cl", 1)), T0);
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(10))).hasSize(1);
    // Still down: the next try waits 20 s, then 40 s.
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(29))).isEmpty();
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(30)))
        .containsExactly(new Restart("cl", 2));
    // Down again after each of our starts: the third exit is a loop, diagnosed, not restarted yet.
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(69)))
        .containsExactly(new Diagnose("cl", 3));
    assertThat(policy.decide(List.of(exited("cl", 1)), T0.plusSeconds(70)))
        .containsExactly(new Restart("cl", 3));
    assertThat(policy.backoff(20)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void threeExitsWithinTheWindowAreALoopThatIsDiagnosedOnce() {
    Instant t = T0;
    policy.decide(List.of(running("el", 0)), t);
    int diagnoses = 0;
    for (int i = 0; i < 3; i++) {
      t = t.plusSeconds(5);
      diagnoses += count(policy.decide(List.of(exited("el", 1)), t), Diagnose.class);
      t = t.plusSeconds(60);
      diagnoses += count(policy.decide(List.of(exited("el", 1)), t), Diagnose.class);
      t = t.plusSeconds(5);
      diagnoses += count(policy.decide(List.of(running("el", 0)), t), Diagnose.class);
    }
    assertThat(diagnoses).isEqualTo(1);
  }

  @Test
  void restartsByDockersOwnPolicyCountAsExits() {
    policy.decide(List.of(running("cl", 0)), T0);
    // The engine restarted it three times between two looks: a loop, though it runs right now.
    assertThat(policy.decide(List.of(running("cl", 3)), T0.plusSeconds(10)))
        .containsExactly(new Diagnose("cl", 3));
    assertThat(policy.decide(List.of(running("cl", 5)), T0.plusSeconds(20)))
        .containsExactly(new GiveUp("cl", 5));
    assertThat(policy.givenUp()).containsExactly("cl");
  }

  @Test
  void afterMaxFailuresItStopsRestartingUntilTheContainerRunsAWholeWindow() {
    Instant t = T0;
    policy.decide(List.of(running("cl", 0)), t);
    for (int i = 0; i < 4; i++) {
      t = t.plusSeconds(1);
      policy.decide(List.of(exited("cl", 2)), t);
      t = t.plusSeconds(400);
      policy.decide(List.of(exited("cl", 2)), t); // restarted
      t = t.plusSeconds(1);
      policy.decide(List.of(running("cl", 0)), t);
    }
    // Exits older than the 10 min window fall out; make five within it.
    RecoveryPolicy fresh = new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT);
    t = T0;
    fresh.decide(List.of(running("cl", 0)), t);
    List<RecoveryPolicy.Action> last = List.of();
    for (int i = 0; i < 5; i++) {
      t = t.plusSeconds(1);
      last = fresh.decide(List.of(exited("cl", 2)), t);
      t = t.plusSeconds(1);
      fresh.decide(List.of(running("cl", 0)), t);
    }
    assertThat(last).containsExactly(new GiveUp("cl", 5));
    assertThat(fresh.decide(List.of(exited("cl", 2)), t.plusSeconds(300))).isEmpty();
    // Somebody fixed and started it: healthy for a whole window, so recovery is back on.
    Instant back = t.plusSeconds(400);
    fresh.decide(List.of(running("cl", 0)), back);
    fresh.decide(List.of(running("cl", 0)), back.plus(Duration.ofMinutes(10)));
    assertThat(fresh.givenUp()).isEmpty();
    Instant down = back.plus(Duration.ofMinutes(11));
    fresh.decide(List.of(exited("cl", 2)), down);
    assertThat(fresh.decide(List.of(exited("cl", 2)), down.plusSeconds(10)))
        .containsExactly(new Restart("cl", 1));
  }

  @Test
  void restartTotalsSurviveForgettingForAReset() {
    policy.decide(List.of(exited("el", 1)), T0);
    policy.decide(List.of(exited("el", 1)), T0.plusSeconds(10));
    policy.forget();
    assertThat(policy.restarts()).containsEntry("el", 1L);
    // After the reset a container that is down is seen afresh: first backoff again.
    assertThat(policy.decide(List.of(exited("el", 1)), T0.plusSeconds(20))).isEmpty();
  }

  private static int count(List<RecoveryPolicy.Action> actions, Class<?> type) {
    return (int) actions.stream().filter(type::isInstance).count();
  }
}
