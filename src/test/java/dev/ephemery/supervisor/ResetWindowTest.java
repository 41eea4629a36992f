package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResetWindowTest {
  static final Instant SWITCH = Instant.parse("2026-12-24T00:00:00Z");

  static Supervisor.Status waiting(String phase) {
    return new Supervisor.Status(153, 154, SWITCH, phase, null, 0);
  }

  @Test
  void opensTenMinutesBeforeTheSwitchAndClosesThirtyMinutesAfterIt() {
    Supervisor.Status s = waiting("waiting to switch");
    assertThat(ResetWindow.open(s, SWITCH.minus(Duration.ofMinutes(11)))).isFalse();
    assertThat(ResetWindow.open(s, SWITCH.minus(Duration.ofMinutes(10)))).isTrue();
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofMinutes(29)))).isTrue();
    // A release that never came cannot hold the alerts back for good.
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofMinutes(30)))).isFalse();
  }

  @Test
  void isOpenWhileAResetRunsWhateverTheClock() {
    Supervisor.Status s = new Supervisor.Status(153, 154, null, "resetting", null, 0);
    assertThat(ResetWindow.open(s, SWITCH.plus(Duration.ofDays(3)))).isTrue();
  }

  @Test
  void phasesMapToTheDocumentedLabelValues() {
    assertThat(ResetWindow.phaseId("waiting to switch")).isEqualTo("waiting");
    assertThat(ResetWindow.phaseId("reset failed")).isEqualTo("failed");
    assertThat(ResetWindow.phaseId("reset unfinished (resumes at the next look)"))
        .isEqualTo("unfinished");
    assertThat(ResetWindow.phaseId("another reset in progress (ops@host)")).isEqualTo("locked");
    assertThat(ResetWindow.phaseId("running")).isEqualTo("running");
    assertThat(ResetWindow.phaseId("resetting")).isEqualTo("resetting");
    assertThat(ResetWindow.phaseId("starting")).isEqualTo("starting");
  }
}
