package dev.ephemery.supervisor;

import dev.ephemery.ops.ContainerWatch;
import dev.ephemery.ops.ContainerWatch.Observation;
import dev.ephemery.supervisor.RecoveryPolicy.Action;
import dev.ephemery.supervisor.RecoveryPolicy.Diagnose;
import dev.ephemery.supervisor.RecoveryPolicy.GiveUp;
import dev.ephemery.supervisor.RecoveryPolicy.Restart;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-recovery of the node's containers: each {@link #check} looks at them through the {@link
 * ContainerWatch}, lets the {@link RecoveryPolicy} decide, and carries out its actions. It stands
 * still while a reset runs (the reset stops containers on purpose).
 */
public final class AutoRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(AutoRecovery.class);
  static final int LOG_LINES = 50;

  /** What /status and /metrics show. */
  public record Snapshot(
      Map<String, String> states,
      Map<String, Long> restarts,
      Map<String, String> diagnoses,
      List<String> givenUp) {
    public static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), List.of());
  }

  private final ContainerWatch watch;
  private final RecoveryPolicy policy;
  private final Supervisor.Alerts alerts;
  private final Clock clock;
  private final BooleanSupplier resetting;
  private final Map<String, String> diagnoses = new TreeMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private boolean paused;

  public AutoRecovery(
      ContainerWatch watch,
      RecoveryPolicy policy,
      Supervisor.Alerts alerts,
      Clock clock,
      BooleanSupplier resetting) {
    this.watch = watch;
    this.policy = policy;
    this.alerts = alerts;
    this.clock = clock;
    this.resetting = resetting;
  }

  public synchronized List<Action> check() {
    if (resetting.getAsBoolean()) {
      paused = true;
      return List.of();
    }
    if (paused) {
      policy.forget();
      paused = false;
    }
    List<Observation> seen = watch.observe();
    List<Action> actions = policy.decide(seen, clock.instant());
    for (Action action : actions) {
      carryOut(action);
    }
    Map<String, String> states = new LinkedHashMap<>();
    seen.forEach(o -> states.put(o.service(), o.state()));
    snapshot = new Snapshot(states, policy.restarts(), Map.copyOf(diagnoses), policy.givenUp());
    return actions;
  }

  private void carryOut(Action action) {
    String service = action.service();
    if (action instanceof Restart r) {
      LOG.warn("{} is down: restarting it (attempt {})", service, r.attempt());
      try {
        watch.restart(service);
      } catch (RuntimeException e) {
        LOG.warn("restarting {} failed: {}", service, e.getMessage());
      }
    } else if (action instanceof Diagnose d) {
      alerts.raise(
          "restart-loop-" + service,
          service + " exited " + d.exits() + " times within the window: " + diagnose(service));
    } else if (action instanceof GiveUp g) {
      String text = diagnoses.containsKey(service) ? diagnoses.get(service) : diagnose(service);
      alerts.raise(
          "recovery-stopped-" + service,
          service
              + " failed "
              + g.exits()
              + " times: no more automatic restarts until it runs again. "
              + text);
    }
  }

  private String diagnose(String service) {
    List<String> lines;
    try {
      lines = watch.lastLogLines(service, LOG_LINES);
    } catch (RuntimeException e) {
      lines = List.of();
    }
    Optional<RestartDiagnosis.Diagnosis> found = RestartDiagnosis.diagnose(lines);
    String text =
        found
            .map(d -> "cause: " + d.cause() + "; fix: " + d.fix() + " (log: " + d.line() + ")")
            .orElse(
                "no known cause in its last "
                    + lines.size()
                    + " log lines"
                    + (lines.isEmpty()
                        ? ""
                        : " (last: " + lines.get(lines.size() - 1).strip() + ")"));
    diagnoses.put(service, text);
    return text;
  }

  public Snapshot snapshot() {
    return snapshot;
  }
}
