package dev.ephemery.network;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to look for the next release. Close to the expected reset (from two hours before the next EL
 * genesis until the new release is found) it looks every minute; otherwise rarely, which still
 * catches unplanned releases and rollbacks. It never plans more API calls than the hourly limit (60
 * without a token; GitHub does not count 304 answers, so callers pass only counted calls) and never
 * before a rate limit lifts. Pure: the current time comes in.
 */
public final class PrefetchSchedule {

  /**
   * @param windowBefore how long before the next EL genesis the busy window opens
   * @param windowInterval time between checks inside the window
   * @param idleInterval time between checks far from a reset
   * @param overdueAfter how long after the expected genesis the window stays open without a
   *     release; after that checks go back to {@code overdueInterval}
   * @param overdueInterval time between checks when a release is long overdue
   * @param hourlyLimit API calls allowed per hour (60 unauthenticated, 5000 with a token)
   */
  public record Policy(
      Duration windowBefore,
      Duration windowInterval,
      Duration idleInterval,
      Duration overdueAfter,
      Duration overdueInterval,
      int hourlyLimit) {

    public static final Policy UNAUTHENTICATED =
        new Policy(
            Duration.ofHours(2),
            Duration.ofSeconds(60),
            Duration.ofMinutes(30),
            Duration.ofHours(6),
            Duration.ofMinutes(5),
            60);

    public static final Policy AUTHENTICATED =
        new Policy(
            Duration.ofHours(2),
            Duration.ofSeconds(30),
            Duration.ofMinutes(15),
            Duration.ofHours(6),
            Duration.ofMinutes(2),
            5000);

    public Policy {
      if (hourlyLimit < 1 || windowInterval.isNegative() || windowInterval.isZero()) {
        throw new IllegalArgumentException("a schedule needs a positive limit and interval");
      }
    }
  }

  /** Where the schedule stands. */
  public enum Phase {
    /** Far from a reset: rare checks, to catch unplanned releases. */
    IDLE,
    /** From {@code windowBefore} before the expected genesis until the release is found. */
    WINDOW,
    /** The expected release is long overdue: moderate checks. */
    OVERDUE
  }

  /**
   * The next check.
   *
   * @param at when to ask next
   * @param phase where the schedule stands now
   * @param limitedBy why {@code at} is later than the phase alone asks, or empty
   */
  public record Decision(Instant at, Phase phase, Optional<String> limitedBy) {
    public Duration waitFrom(Instant now) {
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }
  }

  private final Policy policy;

  public PrefetchSchedule(Policy policy) {
    this.policy = policy;
  }

  public Policy policy() {
    return policy;
  }

  /** When the busy window before {@code current}'s successor opens. */
  public Instant windowOpens(IterationInfo current) {
    return current.nextReset().minus(policy.windowBefore());
  }

  public Phase phase(IterationInfo current, Instant now) {
    Instant expected = current.nextReset();
    if (now.isBefore(windowOpens(current))) {
      return Phase.IDLE;
    }
    return now.isBefore(expected.plus(policy.overdueAfter())) ? Phase.WINDOW : Phase.OVERDUE;
  }

  /**
   * @param current the iteration the node is on (its installed release)
   * @param now the current time
   * @param countedCalls when recent API calls that counted against the limit were made
   * @param rateLimitedUntil when the server said its rate limit lifts, if it said so
   */
  public Decision next(
      IterationInfo current,
      Instant now,
      List<Instant> countedCalls,
      Optional<Instant> rateLimitedUntil) {
    Phase phase = phase(current, now);
    Instant at =
        switch (phase) {
          case IDLE -> earliest(now.plus(policy.idleInterval()), windowOpens(current));
          case WINDOW -> now.plus(policy.windowInterval());
          case OVERDUE -> now.plus(policy.overdueInterval());
        };
    Optional<String> limitedBy = Optional.empty();

    Instant budget = budgetAllows(now, countedCalls);
    if (budget.isAfter(at)) {
      at = budget;
      limitedBy = Optional.of("hourly limit of " + policy.hourlyLimit() + " API calls");
    }
    if (rateLimitedUntil.isPresent() && rateLimitedUntil.get().isAfter(at)) {
      at = rateLimitedUntil.get();
      limitedBy = Optional.of("the server's rate limit lifts at " + rateLimitedUntil.get());
    }
    return new Decision(at, phase, limitedBy);
  }

  /** The earliest instant a call keeps at most {@code hourlyLimit} counted calls in any hour. */
  private Instant budgetAllows(Instant now, List<Instant> countedCalls) {
    Instant hourAgo = now.minus(Duration.ofHours(1));
    List<Instant> recent =
        countedCalls.stream().filter(call -> call.isAfter(hourAgo)).sorted().toList();
    if (recent.size() < policy.hourlyLimit()) {
      return now;
    }
    // The call that must leave the hour before another fits.
    Instant blocking = recent.get(recent.size() - policy.hourlyLimit());
    return blocking.plus(Duration.ofHours(1)).plusSeconds(1);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
