package dev.ephemery.wiring;

import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ReleaseSource;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.plan.HostPlan;
import java.time.Clock;
import java.time.Duration;

/**
 * The one place a production {@link ResetMachine} is assembled, for {@code ephemery reset} and the
 * supervisor alike (the supervisor only begins a journal; its child process runs {@code reset},
 * which resumes that journal here).
 */
public final class Resets {

  private Resets() {}

  /** The machine that carries {@code plan}'s host through a reset to the plan's iteration. */
  public static ResetMachine machine(
      HostPlan plan,
      NodeRuntime runtime,
      ReleaseSource releases,
      JournalStore journals,
      Clock clock) {
    return new ResetMachine(
        NodeLayouts.of(plan),
        runtime,
        releases,
        journals,
        clock,
        RetryPolicy.DEFAULT,
        FaultInjector.NONE);
  }

  /** Runs the journal's reset to its end, waiting between retries on this thread. */
  public static ResetJournal run(ResetMachine machine, ResetJournal journal) {
    return machine.run(journal, Resets::sleep, ResetMachine.MAX_STEPS);
  }

  /** Sleeps; false when interrupted (the reset stops, its journal says where). */
  public static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
