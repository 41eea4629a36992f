package dev.ephemery.network;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The schedule formula Ephemery's genesis job uses. It only predicts: a release's own files (reset
 * period, genesis delay, timestamps) decide, and releases can be skipped or rolled back.
 */
public final class IterationFormula {

  /** EL genesis of iteration 0 (ephemery-genesis values.env). */
  public static final Instant ORIGIN = Instant.ofEpochSecond(1_393_527_600L);

  /** The reset period in force since iteration 0 was re-based on it (28 days). */
  public static final Duration PERIOD = Duration.ofSeconds(2_419_200L);

  /** CL genesis follows EL genesis by this delay (config.yaml GENESIS_DELAY). */
  public static final Duration GENESIS_DELAY = Duration.ofSeconds(600L);

  private IterationFormula() {}

  public static Iteration iterationAt(Instant at) {
    long seconds = Duration.between(ORIGIN, at).getSeconds();
    if (seconds < 0) {
      throw new IllegalArgumentException("before Ephemery's first genesis: " + at);
    }
    return new Iteration(Math.toIntExact(seconds / PERIOD.getSeconds()));
  }

  public static Instant elGenesisOf(Iteration iteration) {
    return ORIGIN.plus(PERIOD.multipliedBy(iteration.number()));
  }

  /** What the formula predicts for the iteration running at {@code at}. */
  public static IterationInfo predict(Instant at) {
    return predictFor(iterationAt(at));
  }

  public static IterationInfo predict(Clock clock) {
    return predict(clock.instant());
  }

  public static IterationInfo predictFor(Iteration iteration) {
    Instant el = elGenesisOf(iteration);
    return new IterationInfo(
        iteration,
        ChainId.ofIteration(iteration),
        el,
        el.plus(GENESIS_DELAY),
        PERIOD,
        IterationInfo.Source.PREDICTED);
  }
}
