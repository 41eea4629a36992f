package dev.ephemery.wiring;

import dev.ephemery.common.Pause;
import dev.ephemery.health.AutoCheckpoint;
import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.health.Expected;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.ops.VerifiedReleases;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Planner;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The one place a production {@link ResetMachine} is assembled, for {@code ephemery reset} and the
 * supervisor alike (the supervisor only begins a journal; its child process runs {@code reset},
 * which resumes that journal here).
 */
public final class Resets {

  private Resets() {}

  /**
   * The plan a reset carries {@code host} to: {@code release}'s. With {@code checkpointSyncUrl:
   * auto} the endpoints are scored again for the new iteration ({@code picker}, before the plan is
   * made): the reset wipes the consensus client's database, so its first start after the wipe syncs
   * from the pick, or from genesis when none serves the new iteration yet (cheap at the start of
   * one). The choice is said on {@code say}.
   */
  public static HostPlan targetPlan(
      Host host, Release release, CheckpointPicker picker, Clock clock, Consumer<String> say) {
    if (!host.consensus().checkpointAuto()) {
      return new Planner().planHost(host, release);
    }
    CheckpointChoice choice =
        AutoCheckpoint.fromPick(picker.pick(Expected.of(release), clock.instant()));
    say.accept(host.name() + ": " + choice.describe());
    return new Planner().planHost(host, release, choice);
  }

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
