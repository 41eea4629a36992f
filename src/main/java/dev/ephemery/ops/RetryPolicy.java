package dev.ephemery.ops;

import java.time.Duration;

/**
 * How a step that failed after the node was touched is retried: exponential backoff from {@code
 * first} up to {@code max}, and FAILED (resumable) after {@code attempts} failures.
 */
public record RetryPolicy(Duration first, Duration max, int attempts, Duration verifyEvery) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 8, Duration.ofSeconds(10));

  public Duration backoff(int failedAttempts) {
    long factor = 1L << Math.min(Math.max(failedAttempts - 1, 0), 20);
    Duration delay = first.multipliedBy(factor);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
