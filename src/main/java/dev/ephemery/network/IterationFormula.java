package dev.ephemery.network;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The schedule Ephemery's genesis job follows, reconstructed from its published history
 * (ephemery-testnet/ephemery-genesis: values.env and cl-config.yaml at each tag). It only predicts:
 * a release's own files (reset period, genesis delay, timestamps) decide, and releases can be
 * skipped or rolled back.
 *
 * <p>Two periods are known exactly, each on a regular grid with chain id = 39438000 + iteration:
 *
 * <ul>
 *   <li>7 days, iterations 62 to 134: EL genesis 2023-02-09T19:00Z + (i - 62) x 604800 s, CL
 *       genesis 300 s later (tag ephemery-62 after commits "increase reset interval to 7 days" and
 *       "change chainid to 39438062"; GENESIS_DELAY: 300 in cl-config.yaml up to ephemery-134);
 *   <li>28 days, from iteration 135 (2024-07-04T19:00Z): EL genesis 1393527600 + i x 2419200 s, CL
 *       genesis 600 s later (tag ephemery-135, commit "increase reset interval to 28days").
 * </ul>
 *
 * Before iteration 62 the network ran 12 h, 6 h and 2-day periods whose chain ids (1337500 ...) do
 * not follow the iteration: those instants are refused rather than answered wrongly.
 */
public final class IterationFormula {

  /** EL genesis of iteration 0 on the 28-day grid (ephemery-genesis values.env). */
  public static final Instant ORIGIN = Instant.ofEpochSecond(1_393_527_600L);

  /** The reset period in force since iteration 135. */
  public static final Duration PERIOD = Duration.ofSeconds(2_419_200L);

  /**
   * CL genesis follows EL genesis by this delay since iteration 135 (config.yaml GENESIS_DELAY).
   */
  public static final Duration GENESIS_DELAY = Duration.ofSeconds(600L);

  /** Ephemery's first genesis (tag 1337500, 12-hour period): 2022-11-14T19:00:00Z. */
  public static final Instant FIRST_GENESIS = Instant.ofEpochSecond(1_668_452_400L);

  /** The first iteration of the 7-day period, and its EL genesis (2023-02-09T19:00:00Z). */
  public static final Iteration WEEKLY_FIRST = new Iteration(62);

  public static final Instant WEEKLY_START = Instant.ofEpochSecond(1_675_969_200L);

  public static final Duration WEEKLY_PERIOD = Duration.ofDays(7);

  public static final Duration WEEKLY_GENESIS_DELAY = Duration.ofSeconds(300L);

  /** The first iteration of the 28-day period, and its EL genesis (2024-07-04T19:00:00Z). */
  public static final Iteration MONTHLY_FIRST = new Iteration(135);

  public static final Instant MONTHLY_START = Instant.ofEpochSecond(1_720_119_600L);

  /**
   * The latest instant answered: the end of year 9999, 9999-12-31T23:59:59Z (ISO-8601's four-digit
   * years). As epoch seconds: parsing the text would load the date-time parser into every command.
   */
  public static final Instant LATEST = Instant.ofEpochSecond(253_402_300_799L);

  private IterationFormula() {}

  /** Why the schedule cannot answer for {@code at}, or empty when it can. */
  public static Optional<String> unsupported(Instant at) {
    if (at.isBefore(FIRST_GENESIS)) {
      return Optional.of(
          "before Ephemery's first genesis ("
              + FIRST_GENESIS
              + "): no Ephemery iteration ran then");
    }
    if (at.isBefore(WEEKLY_START)) {
      return Optional.of(
          "before "
              + WEEKLY_START
              + " (iteration "
              + WEEKLY_FIRST
              + ", the start of the 7-day period): Ephemery then reset every 12 h, 6 h or 2 days"
              + " with chain ids from 1337500 that do not follow the iteration, and that schedule"
              + " is not reconstructed");
    }
    if (at.isAfter(LATEST)) {
      return Optional.of("after " + LATEST + ": too far in the future to schedule");
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException for an instant {@link #unsupported(Instant)} names
   */
  public static Iteration iterationAt(Instant at) {
    unsupported(at)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException(at + " is " + reason);
            });
    if (at.isBefore(MONTHLY_START)) {
      long weeks = Duration.between(WEEKLY_START, at).toSeconds() / WEEKLY_PERIOD.toSeconds();
      return new Iteration(Math.toIntExact(WEEKLY_FIRST.number() + weeks));
    }
    long seconds = Duration.between(ORIGIN, at).toSeconds();
    return new Iteration(Math.toIntExact(seconds / PERIOD.toSeconds()));
  }

  public static Instant elGenesisOf(Iteration iteration) {
    if (iteration.compareTo(WEEKLY_FIRST) < 0) {
      throw new IllegalArgumentException(
          "iteration " + iteration + " is before the 7-day period: its schedule is not known");
    }
    if (iteration.compareTo(MONTHLY_FIRST) < 0) {
      return WEEKLY_START.plus(
          WEEKLY_PERIOD.multipliedBy(iteration.number() - WEEKLY_FIRST.number()));
    }
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
    boolean weekly = iteration.compareTo(MONTHLY_FIRST) < 0;
    return new IterationInfo(
        iteration,
        ChainId.ofIteration(iteration),
        el,
        el.plus(weekly ? WEEKLY_GENESIS_DELAY : GENESIS_DELAY),
        weekly ? WEEKLY_PERIOD : PERIOD,
        IterationInfo.Source.PREDICTED);
  }
}
