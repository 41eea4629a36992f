package dev.ephemery.common;

import java.time.Duration;

/**
 * How the tool waits out a delay (a retry's back-off, a poll's interval): the one place that
 * sleeps, so every wait treats an interrupt (shutdown) the same way.
 */
@FunctionalInterface
public interface Pause {

  /**
   * Waits {@code duration}; false when the wait was interrupted, with the thread's interrupt flag
   * set again so the caller can stop and resume later.
   */
  boolean pause(Duration duration);

  /** Sleeps the calling thread. */
  Pause THREAD =
      duration -> {
        try {
          Thread.sleep(duration.toMillis());
          return true;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      };
}
