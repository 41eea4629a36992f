package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResetWindowTest {
  static final Instant SWITCH = Instant.parse("2026-12-24T00:00:00Z");

  static Supervisor.Status waiting(Phase phase) {
    return new Supervisor.Status(153, 154, SWITCH, phase, null, 0);
  }

  @Test
  void opensTenMinutesBeforeTheSwitchAndClosesThirtyMinutesAfterIt() {
    Supervisor.Status s = waiting(Phase.WAITING_TO_SWITCH);
    assertThat(ResetWindow.open(s, SWITCH.minus(Duration.ofMinutes(11)))).isFalse();
    assertThat(ResetWindow.open(s, SWITCH.minus(Duration.ofMinutes(10)))).isTrue();
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofMinutes(29)))).isTrue();
    // A release that never came cannot hold the alerts back for good.
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofMinutes(30)))).isFalse();
  }

  @Test
  void isOpenWhileAResetRunsWhateverTheClock() {
    Supervisor.Status s = new Supervisor.Status(153, 154, null, Phase.RESETTING, null, 0);
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofDays(3)))).isTrue();
  }

  @Test
  void everyPhaseMapsToADocumentedLabelValue() {
    assertThat(ResetWindow.phaseId(Phase.WAITING_TO_SWITCH)).isEqualTo("waiting");
    assertThat(ResetWindow.phaseId(Phase.RESET_FAILED)).isEqualTo("failed");
    assertThat(ResetWindow.phaseId(Phase.RESET_UNFINISHED)).isEqualTo("unfinished");
    assertThat(ResetWindow.phaseId(Phase.RESET_ELSEWHERE)).isEqualTo("locked");
    assertThat(ResetWindow.phaseId(Phase.RUNNING)).isEqualTo("running");
    assertThat(ResetWindow.phaseId(Phase.RESETTING)).isEqualTo("resetting");
    assertThat(ResetWindow.phaseId(Phase.STARTING)).isEqualTo("starting");
    for (Phase phase : Phase.values()) {
      assertThat(dev.ephemery.plan.EphemeryMetrics.PHASES)
          .as(phase.name())
          .contains(ResetWindow.phaseId(phase));
    }
  }
}
