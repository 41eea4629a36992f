package dev.ephemery.network;

import java.time.Duration;
import java.time.Instant;

/**
 * What is known of one iteration's timing and identity, and where it came from.
 *
 * @param source {@code RELEASE}: read from verified release files; {@code PROJECTED}: a later
 *     iteration extrapolated from a release's own period; {@code PREDICTED}: the schedule formula
 */
public record IterationInfo(
    Iteration iteration,
    ChainId chainId,
    Instant elGenesisTime,
    Instant clGenesisTime,
    Duration resetPeriod,
    Source source) {

  public enum Source {
    RELEASE,
    PROJECTED,
    PREDICTED
  }

  /** The next iteration's EL genesis, if the period stays as it is. */
  public Instant nextReset() {
    return elGenesisTime.plus(resetPeriod);
  }

  public Duration genesisDelay() {
    return Duration.between(elGenesisTime, clGenesisTime);
  }

  public static IterationInfo of(Release release) {
    return new IterationInfo(
        release.iteration(),
        release.chainId(),
        release.elGenesisTime(),
        release.clGenesisTime(),
        release.resetPeriod(),
        Source.RELEASE);
  }

  /**
   * The iteration running at {@code at}, counted from a release with that release's own period and
   * delay. Before the release's genesis the release itself is returned: nothing earlier is known.
   */
  public static IterationInfo at(Release release, Instant at) {
    IterationInfo base = of(release);
    long elapsed = Duration.between(release.elGenesisTime(), at).toSeconds();
    long period = release.resetPeriod().toSeconds();
    if (elapsed < period || period <= 0) {
      return base;
    }
    long steps = elapsed / period;
    long number = release.iteration().number() + steps;
    if (number > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          at + " is more iterations after release " + release.iteration() + " than can be counted");
    }
    Iteration iteration = new Iteration((int) number);
    Instant el = release.elGenesisTime().plus(release.resetPeriod().multipliedBy(steps));
    return new IterationInfo(
        iteration,
        ChainId.ofIteration(iteration),
        el,
        el.plus(base.genesisDelay()),
        release.resetPeriod(),
        Source.PROJECTED);
  }
}
