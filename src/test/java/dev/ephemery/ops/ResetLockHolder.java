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
    Thread.sleep(60_000); // the test kills this process long before
    lock.close();
  }
}
