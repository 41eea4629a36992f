package dev.ephemery.runtime;

import dev.ephemery.common.Pause;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A bounded wait with a progress report about once per five seconds. */
public final class Wait {
  private Wait() {}

  public interface Check {
    boolean done();
  }

  /**
   * Waits until {@code check} is done; throws what {@code onTimeout} gives when it is not in time.
   */
  public static void until(
      Duration timeout,
      Duration interval,
      Consumer<Duration> progress,
      Check check,
      Supplier<? extends RuntimeException> onTimeout) {
    if (!poll(timeout, interval, progress, check)) {
      throw onTimeout.get();
    }
  }

  /**
   * Checks every {@code interval} until {@code check} is done (true) or {@code timeout} has passed
   * or the thread was interrupted (false, the interrupt flag kept). The check runs at least once,
   * and once more after the timeout has passed only if the last pause ended before it.
   */
  public static boolean poll(
      Duration timeout, Duration interval, Consumer<Duration> progress, Check check) {
    return poll(timeout, interval, progress, check, Pause.THREAD);
  }

  /** {@link #poll} with its own pause between checks (one that may end early). */
  public static boolean poll(
      Duration timeout, Duration interval, Consumer<Duration> progress, Check check, Pause pause) {
    long start = System.nanoTime();
    long lastReport = start;
    while (true) {
      if (check.done()) {
        return true;
      }
      long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        return false;
      }
      if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
        lastReport = now;
        progress.accept(Duration.ofNanos(now - start));
      }
      if (!pause.pause(interval)) {
        return false;
      }
    }
  }
}
