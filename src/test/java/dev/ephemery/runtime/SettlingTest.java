package dev.ephemery.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.runtime.Settling.Observed;
import dev.ephemery.runtime.Settling.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettlingTest {

  private static final Instant STARTED = Instant.parse("2026-12-02T08:00:00Z");

  private static Observed running(long restarts) {
    return new Observed(true, "running", STARTED, restarts);
  }

  @Test
  void justStartedAndSilentIsWaiting() {
    assertThat(Settling.of(running(0), false, STARTED.plusMillis(300))).isEqualTo(State.WAITING);
  }

  @Test
  void answeringWhileRunningSettlesAtOnce() {
    assertThat(Settling.of(running(0), true, STARTED.plusMillis(300))).isEqualTo(State.SETTLED);
  }

  @Test
  void silentButRunningTheWholeWindowSettles() {
    assertThat(Settling.of(running(0), false, STARTED.plus(Settling.WINDOW)))
        .isEqualTo(State.SETTLED);
    assertThat(Settling.of(running(0), false, STARTED.plus(Settling.WINDOW).minusMillis(1)))
        .isEqualTo(State.WAITING);
  }

  @Test
  void exitedOrDeadIsStoppedEvenAfterAnAnswer() {
    assertThat(Settling.of(new Observed(false, "exited", STARTED, 0), true, STARTED.plusSeconds(1)))
        .isEqualTo(State.STOPPED);
    assertThat(Settling.of(new Observed(false, "dead", STARTED, 0), false, STARTED.plusSeconds(9)))
        .isEqualTo(State.STOPPED);
  }

  @Test
  void restartedByItsPolicyIsStoppedThoughRunningAgain() {
    // a client that exits on a wrong flag and is restarted by "unless-stopped" looks running
    // again, with a new start time: its restart count gives the loop away
    assertThat(Settling.of(running(1), true, STARTED.plusSeconds(5))).isEqualTo(State.STOPPED);
  }

  @Test
  void restartingIsStoppedThoughDockerCallsItRunning() {
    assertThat(
            Settling.of(
                new Observed(true, "restarting", STARTED, 0), false, STARTED.plusSeconds(5)))
        .isEqualTo(State.STOPPED);
  }

  @Test
  void createdButNotRunningIsWaiting() {
    assertThat(
            Settling.of(new Observed(false, "created", STARTED, 0), true, STARTED.plusSeconds(5)))
        .isEqualTo(State.WAITING);
  }
}
