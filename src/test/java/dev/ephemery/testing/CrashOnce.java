package dev.ephemery.testing;

import dev.ephemery.ops.FaultInjector;

/** Kills the reset the first time it reaches one point, as a crash would; a rerun passes it. */
public final class CrashOnce implements FaultInjector {

  /** What the "killed" process dies of: an Error, so no step's error handling catches it. */
  public static final class SimulatedCrash extends Error {
    SimulatedCrash(String point) {
      super("killed at " + point);
    }
  }

  private final String point;
  private boolean crashed;

  public CrashOnce(String point) {
    this.point = point;
  }

  @Override
  public void at(String at) {
    if (at.equals(point) && !crashed) {
      crashed = true;
      throw new SimulatedCrash(at);
    }
  }
}
