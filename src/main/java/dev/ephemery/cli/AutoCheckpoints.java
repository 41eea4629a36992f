package dev.ephemery.cli;

import dev.ephemery.health.AutoCheckpoint;
import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.health.Expected;
import dev.ephemery.health.probe.ProbingCheckpointPicker;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.CheckpointUrls;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.Labels;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code checkpointSyncUrl: auto} at the edge: before {@code up} plans a host, what its consensus
 * container already has (a label, read through the runtime) and, when that is nothing for this
 * iteration, the scoring of the endpoints (network I/O, through {@link CheckpointPicker}) become a
 * {@link CheckpointChoice} the planner reads. Hosts without {@code auto} are planned as they were.
 */
final class AutoCheckpoints {

  /** The endpoints scored: the known providers, or this comma-separated list. */
  static final String ENDPOINTS_ENV = "EPHEMERY_CHECKPOINT_URLS";

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Tests point this at their loopback stand-ins; null means {@link #ENDPOINTS_ENV} or known. */
  static List<String> endpointsOverride;

  private AutoCheckpoints() {}

  static List<String> endpoints(Map<String, String> env) {
    if (endpointsOverride != null) {
      return endpointsOverride;
    }
    String given = env.get(ENDPOINTS_ENV);
    if (given != null && !given.isBlank()) {
      return Arrays.stream(given.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    return CheckpointUrls.EPHEMERY_PROVIDERS;
  }

  static CheckpointPicker picker() {
    return new ProbingCheckpointPicker(endpoints(System.getenv()), TIMEOUT);
  }

  /**
   * The host's plan with its checkpoint chosen ({@link AutoCheckpoint}): the one its consensus
   * container of this iteration was created with, else the best scored endpoint or genesis. Says
   * the choice on {@code say}. Unchanged without {@code auto} or without a release to score for.
   */
  static HostPlan resolve(
      Host host,
      HostPlan planned,
      Release release,
      HostRuntime runtime,
      CheckpointPicker picker,
      Clock clock,
      Consumer<String> say) {
    if (!host.consensus().checkpointAuto() || release == null) {
      return planned;
    }
    CheckpointChoice choice =
        AutoCheckpoint.choose(
            host, kept(planned, runtime), () -> picker.pick(Expected.of(release), clock.instant()));
    say.accept(host.name() + ": " + choice.describe());
    return new Planner().planHost(host, release, choice);
  }

  /**
   * The plan as the node has it, without asking any endpoint: for commands that only look (status,
   * doctor), so a picked endpoint does not read as a difference from the plan.
   */
  static HostPlan asDeployed(Host host, HostPlan planned, Release release, HostRuntime runtime) {
    if (!host.consensus().checkpointAuto() || release == null) {
      return planned;
    }
    return kept(planned, runtime)
        .map(
            label ->
                new Planner()
                    .planHost(host, release, CheckpointChoice.ofLabel(label, "as deployed")))
        .orElse(planned);
  }

  /** The checkpoint label of the host's consensus container when it is of the plan's iteration. */
  static Optional<String> kept(HostPlan planned, HostRuntime runtime) {
    Optional<Service> consensus =
        planned.services().stream().filter(s -> s.role() == Role.CONSENSUS).findFirst();
    if (consensus.isEmpty()) {
      return Optional.empty();
    }
    String iteration = planned.iteration().toString();
    return runtime
        .labels(planned.name(), Labels.containerName(planned, consensus.get()))
        .filter(labels -> iteration.equals(labels.get(LabelKeys.ITERATION)))
        .map(labels -> labels.get(LabelKeys.CHECKPOINT));
  }
}
