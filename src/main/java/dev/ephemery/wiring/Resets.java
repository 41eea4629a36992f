package dev.ephemery.wiring;

import dev.ephemery.common.Pause;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.ops.VerifiedReleases;
import dev.ephemery.plan.HostPlan;
import java.time.Clock;

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
      VerifiedReleases releases,
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
    return machine.run(journal, Pause.THREAD::pause, ResetMachine.MAX_STEPS);
  }
}
