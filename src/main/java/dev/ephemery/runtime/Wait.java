package dev.ephemery.runtime;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A bounded wait with a progress report about once per five seconds. */
public final class Wait {
  private Wait() {}

  public interface Check {
    boolean done();
  }

  public static void until(
      Duration timeout,
      Duration interval,
      Consumer<Duration> progress,
      Check check,
      Supplier<? extends RuntimeException> onTimeout) {
    long start = System.nanoTime();
    long lastReport = start;
    while (true) {
      if (check.done()) {
        return;
      }
      long now = System.nanoTime();
      if (now - start > timeout.toNanos()) {
        throw onTimeout.get();
      }
      if (now - lastReport > Duration.ofSeconds(5).toNanos()) {
        lastReport = now;
        progress.accept(Duration.ofNanos(now - start));
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw onTimeout.get();
      }
    }
  }
}
