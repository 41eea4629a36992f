package dev.ephemery.ops;

import java.nio.file.Path;
import java.time.Instant;

/** A second process for {@link ResetLockTest}: takes the lock, says so, holds it until killed. */
public final class ResetLockHolder {

  private ResetLockHolder() {}

  public static void main(String[] args) throws Exception {
    ResetLock lock =
        ResetLock.tryAcquire(Path.of(args[0]), "holder-process", Instant.EPOCH).orElseThrow();
    System.out.println("held");
    System.out.flush();
    // What is under test: a process that holds the lock; the test kills it long before this ends.
    Thread.sleep(60_000);
    lock.close();
  }
}
