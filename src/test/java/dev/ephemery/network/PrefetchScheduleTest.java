package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.PrefetchSchedule.Decision;
import dev.ephemery.network.PrefetchSchedule.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefetchScheduleTest {

  static final PrefetchSchedule SCHEDULE =
      new PrefetchSchedule(PrefetchSchedule.Policy.UNAUTHENTICATED);
  static final IterationInfo I153 = IterationFormula.predictFor(new Iteration(153));
  static final Instant RESET_154 = Instant.parse("2025-12-18T19:00:00Z");

  /** A clock the test moves by hand: the schedule only ever sees what it is given. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void opensTheWindowTwoHoursBeforeTheNextElGenesis() {
    assertThat(SCHEDULE.windowOpens(I153)).isEqualTo(Instant.parse("2025-12-18T17:00:00Z"));
    assertThat(SCHEDULE.phase(I153, Instant.parse("2025-12-18T16:59:59Z"))).isEqualTo(Phase.IDLE);
    assertThat(SCHEDULE.phase(I153, Instant.parse("2025-12-18T17:00:00Z"))).isEqualTo(Phase.WINDOW);
  }

  @Test
  void checksRarelyFarFromAResetButNeverSleepsIntoTheWindow() {
    Decision farAway =
        SCHEDULE.next(I153, Instant.parse("2025-12-01T00:00:00Z"), List.of(), Optional.empty());
    assertThat(farAway.phase()).isEqualTo(Phase.IDLE);
    assertThat(farAway.waitFrom(Instant.parse("2025-12-01T00:00:00Z")))
        .isEqualTo(Duration.ofMinutes(30));

    Instant justBefore = Instant.parse("2025-12-18T16:50:00Z");
    Decision near = SCHEDULE.next(I153, justBefore, List.of(), Optional.empty());
    assertThat(near.at()).isEqualTo(Instant.parse("2025-12-18T17:00:00Z"));
  }

  @Test
  void followsOneIterationBoundaryWithAnInjectedClock() {
    ManualClock clock = new ManualClock(Instant.parse("2025-12-18T12:00:00Z"));
    IterationInfo current = I153;
    List<Instant> calls = new ArrayList<>();
    Instant published = RESET_154.minus(Duration.ofMinutes(70)); // the job runs ~1-2 h before
    Instant found = null;

    for (int step = 0;
        step < 500 && clock.instant().isBefore(RESET_154.plus(Duration.ofDays(2)));
        step++) {
      Decision decision = SCHEDULE.next(current, clock.instant(), calls, Optional.empty());
      Duration wait = decision.waitFrom(clock.instant());
      if (decision.phase() == Phase.WINDOW) {
        assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(60));
      } else {
        assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(30));
      }
      clock.set(decision.at());
      calls.add(clock.instant());
      if (found == null && !clock.instant().isBefore(published)) {
        found = clock.instant();
        current = IterationFormula.predictFor(new Iteration(154));
      }
    }

    assertThat(found).isBetween(published, published.plusSeconds(60));
    assertThat(current.iteration().number()).isEqualTo(154);
    // After the switch the schedule idles until 154's own window.
    assertThat(SCHEDULE.phase(current, RESET_154.plus(Duration.ofDays(1)))).isEqualTo(Phase.IDLE);
    assertThat(SCHEDULE.windowOpens(current)).isEqualTo(Instant.parse("2026-01-15T17:00:00Z"));
    assertThat(maxInAnyHour(calls)).isLessThanOrEqualTo(60);
  }

  @Test
  void catchesAnUnplannedReleaseWithinTheIdleInterval() {
    // A rollback published mid-iteration, ten days before the planned reset.
    Instant unplanned = Instant.parse("2025-12-08T09:13:00Z");
    Instant now = Instant.parse("2025-12-08T00:00:00Z");
    List<Instant> calls = new ArrayList<>();
    while (now.isBefore(unplanned)) {
      now = SCHEDULE.next(I153, now, calls, Optional.empty()).at();
      calls.add(now);
    }
    assertThat(Duration.between(unplanned, now)).isLessThanOrEqualTo(Duration.ofMinutes(30));

    // The new release decides the next window, not the formula: its genesis is off-schedule.
    IterationInfo rollback =
        new IterationInfo(
            new Iteration(154),
            new ChainId(39_438_154L),
            Instant.parse("2025-12-08T11:00:00Z"),
            Instant.parse("2025-12-08T11:10:00Z"),
            Duration.ofDays(28),
            IterationInfo.Source.RELEASE);
    assertThat(SCHEDULE.windowOpens(rollback)).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    assertThat(SCHEDULE.phase(rollback, RESET_154)).isEqualTo(Phase.IDLE);
  }

  @Test
  void neverPlansMoreThanTheHourlyLimit() {
    Instant now = Instant.parse("2025-12-18T18:00:00Z");
    List<Instant> calls = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      calls.add(now.minusSeconds(59L * (60 - i))); // 60 counted calls in the last 59 minutes
    }

    Decision decision = SCHEDULE.next(I153, now, calls, Optional.empty());

    assertThat(decision.at()).isAfter(calls.get(0).plus(Duration.ofHours(1)));
    assertThat(decision.limitedBy()).get().asString().contains("hourly limit");
    List<Instant> withNext = new ArrayList<>(calls);
    withNext.add(decision.at());
    assertThat(maxInAnyHour(withNext)).isLessThanOrEqualTo(60);
  }

  @Test
  void waitsUntilTheServersRateLimitLifts() {
    Instant now = Instant.parse("2025-12-18T18:00:00Z");
    Instant lifts = Instant.parse("2025-12-18T18:20:00Z");
    Decision decision = SCHEDULE.next(I153, now, List.of(), Optional.of(lifts));
    assertThat(decision.at()).isEqualTo(lifts);
    assertThat(decision.limitedBy()).get().asString().contains("rate limit");
  }

  @Test
  void slowsDownWhenTheReleaseIsLongOverdue() {
    Instant late = RESET_154.plus(Duration.ofHours(7));
    Decision decision = SCHEDULE.next(I153, late, List.of(), Optional.empty());
    assertThat(decision.phase()).isEqualTo(Phase.OVERDUE);
    assertThat(decision.waitFrom(late)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void usesTheReleasePeriodNotTheFormula() {
    IterationInfo weekly =
        new IterationInfo(
            new Iteration(10),
            new ChainId(39_438_010L),
            Instant.parse("2025-01-02T19:00:00Z"),
            Instant.parse("2025-01-02T19:10:00Z"),
            Duration.ofDays(7),
            IterationInfo.Source.RELEASE);
    assertThat(SCHEDULE.windowOpens(weekly)).isEqualTo(Instant.parse("2025-01-09T17:00:00Z"));
  }

  static int maxInAnyHour(List<Instant> calls) {
    List<Instant> sorted = calls.stream().sorted().toList();
    int max = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Instant end = sorted.get(i).plus(Duration.ofHours(1));
      int count = 0;
      for (int j = i; j < sorted.size() && sorted.get(j).isBefore(end); j++) {
        count++;
      }
      max = Math.max(max, count);
    }
    return max;
  }
}
