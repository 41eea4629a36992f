package dev.ephemery.supervisor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the supervisor's ticks one after another until stopped. A stop (SIGTERM) wakes the wait at
 * once; a reset in progress is interrupted between steps and resumes from its journal next start.
 */
public final class Daemon {

  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private final Supervisor supervisor;
  private final Duration onError;
  private final CountDownLatch stopped = new CountDownLatch(1);

  public Daemon(Supervisor supervisor, Duration onError) {
    this.supervisor = supervisor;
    this.onError = onError;
  }

  public void run() {
    while (stopped.getCount() > 0) {
      Duration next;
      try {
        next = supervisor.tick();
      } catch (RuntimeException e) {
        LOG.error("supervisor tick failed: {}", e.getMessage(), e);
        next = onError;
      }
      if (!sleep(next)) {
        break;
      }
    }
    LOG.info("supervisor stopped");
  }

  /** Waits; false when stopped meanwhile. The reset machine's retries wait through this too. */
  public boolean sleep(Duration duration) {
    try {
      return !stopped.await(Math.max(1, duration.toMillis()), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public void stop() {
    stopped.countDown();
  }

  public boolean isStopped() {
    return stopped.getCount() == 0;
  }
}
