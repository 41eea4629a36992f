package dev.ephemery.runtime;

import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code up} does with each container, decided from the plan and what Docker showed, without
 * Docker: {@code runtime.docker.DockerRuntime} gathers the observations and carries out the {@link
 * Actions}. Kept free of docker-java types so every rule is a unit test.
 */
public final class Reconcile {

  private Reconcile() {}

  /** What {@code up} does with one planned container. */
  public enum Action {
    /** Up to date and as it should be (running, or an init step that completed). */
    KEEP,
    /** Stopped (or stopped for a step it depends on): start it at its turn. */
    START,
    /** Running, but files it reads at start changed. */
    RESTART,
    /** An init step created but never run. */
    RUN,
    /** Missing: create it, then start or run it. */
    CREATE,
    /** Out of date or to run again: remove it, create it anew, then start or run it. */
    REPLACE
  }

  /**
   * One planned container.
   *
   * @param container its container name
   * @param planHash the plan hash it must carry to be current
   */
  public record Planned(Service service, String container, String planHash) {}

  /**
   * What {@code up} converges to.
   *
   * @param services the containers to converge, in start order
   * @param planned the container names of every planned service, including those left as they are
   *     (a supervisor without its files): anything else of the node is removed
   * @param inputDigests per run-once step name, the digest of its input folders' content now; a
   *     step missing here is never rerun for its inputs (a dry run that cannot look)
   * @param supervisorFilesChanged whether the supervisor's jar or inventory were just rewritten
   */
  public record Desired(
      List<Planned> services,
      Set<String> planned,
      Map<String, String> inputDigests,
      boolean supervisorFilesChanged) {}

  /**
   * What Docker shows of one of the node's containers (a missing container has none).
   *
   * @param state Docker's state: running, exited, created, ...
   * @param planHash its plan-hash label, or null
   * @param inputsHash its inputs-hash label, or null
   * @param exitedOk whether it ran and exited 0 (meaningful for run-once steps)
   */
  public record Observed(String state, String planHash, String inputsHash, boolean exitedOk) {

    boolean running() {
      return "running".equals(state);
    }
  }

  /**
   * The decision for one planned container.
   *
   * @param stopFirst containers (by name) to stop just before this step runs: they depend on it and
   *     hold what it changes while they run; each is started again at its own turn
   */
  public record Step(Planned planned, Action action, List<String> stopFirst) {}

  /**
   * Everything {@code up} does with containers.
   *
   * @param remove the node's containers (by name) that are no longer planned, in observed order
   * @param steps one per {@link Desired#services()}, in the same (start) order
   * @param changes what is reported: the removals, then each step's change, in that order
   */
  public record Actions(List<String> remove, List<Step> steps, List<Change> changes) {}

  /**
   * Decides what {@code up} does.
   *
   * @param observed the node's containers by name, in the order Docker listed them
   */
  public static Actions decide(Desired desired, Map<String, Observed> observed) {
    List<Change> changes = new ArrayList<>();
    List<String> remove = new ArrayList<>();
    for (String name : observed.keySet()) {
      if (!desired.planned().contains(name)) {
        changes.add(new Change("remove", "container", name, "no longer planned"));
        remove.add(name);
      }
    }
    // A step that runs in this up, and the running containers that depend on it: stopped just
    // before it runs.
    Set<String> rerunSteps = new LinkedHashSet<>();
    Map<String, List<String>> stopBefore = new LinkedHashMap<>();
    List<Action> actions = new ArrayList<>();
    for (Planned planned : desired.services()) {
      Service service = planned.service();
      Action action =
          decideOne(planned, observed.get(planned.container()), desired, rerunSteps, changes);
      if (action == Action.START && observed.get(planned.container()).running()) {
        // Started although running: it stops for a step it depends on.
        stopBefore
            .computeIfAbsent(rerunDependency(service, rerunSteps), s -> new ArrayList<>())
            .add(planned.container());
      }
      actions.add(action);
      if (service.runOnce() && action != Action.KEEP) {
        rerunSteps.add(service.name());
      }
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      Planned planned = desired.services().get(i);
      steps.add(
          new Step(
              planned,
              actions.get(i),
              List.copyOf(stopBefore.getOrDefault(planned.service().name(), List.of()))));
    }
    return new Actions(List.copyOf(remove), List.copyOf(steps), List.copyOf(changes));
  }

  /** What a reset does ahead with one planned container while the node's containers stop. */
  public enum Ahead {
    /** Current, or running (left for up, which meets it at its turn). */
    LEAVE,
    /** Missing: create it, not started. */
    CREATE,
    /** Stopped and out of date: remove it and create it anew, not started. */
    REPLACE
  }

  /**
   * Decides what a reset creates ahead, without starting anything (the part of {@code up} that does
   * not depend on the start order): a container that is stopped (or missing) and does not match the
   * plan. Running containers are left for {@code up}.
   */
  public static Ahead createAhead(Planned planned, Observed found) {
    if (found == null) {
      return Ahead.CREATE;
    }
    if (planned.planHash().equals(found.planHash())
        || !Set.of("exited", "created", "dead").contains(found.state())) {
      return Ahead.LEAVE;
    }
    return Ahead.REPLACE;
  }

  private static Action decideOne(
      Planned planned,
      Observed found,
      Desired desired,
      Set<String> rerunSteps,
      List<Change> changes) {
    Service service = planned.service();
    String name = planned.container();
    if (found == null) {
      changes.add(new Change(service.runOnce() ? "run" : "create", "container", name, "missing"));
      return Action.CREATE;
    }
    if (!planned.planHash().equals(found.planHash())) {
      changes.add(
          new Change(service.runOnce() ? "rerun" : "recreate", "container", name, "plan changed"));
      return Action.REPLACE;
    }
    if (service.runOnce()) {
      return decideRunOnce(service, name, found, desired.inputDigests(), changes);
    }
    if (!found.running()) {
      changes.add(new Change("start", "container", name, found.state()));
      return Action.START;
    }
    if (service.role() == Role.SUPERVISOR && desired.supervisorFilesChanged()) {
      changes.add(new Change("restart", "container", name, "its jar or inventory changed"));
      return Action.RESTART;
    }
    if (rerunDependency(service, rerunSteps) != null) {
      // A validator holds its keys and slashing DB while it runs: lighthouse's import refuses to
      // run beside it, and no client loads keys imported after its start.
      changes.add(new Change("restart", "container", name, "a step before it runs again"));
      return Action.START;
    }
    return Action.KEEP;
  }

  private static Action decideRunOnce(
      Service service,
      String name,
      Observed found,
      Map<String, String> inputDigests,
      List<Change> changes) {
    if ("created".equals(found.state())) {
      // Created ahead (a reset does that while the node stops) and never run: run it.
      changes.add(new Change("run", "container", name, "created"));
      return Action.RUN;
    }
    if (!found.exitedOk()) {
      changes.add(new Change("rerun", "container", name, "did not complete"));
      return Action.REPLACE;
    }
    String now = inputDigests.get(service.name());
    if (now != null && !now.equals(found.inputsHash())) {
      changes.add(new Change("rerun", "container", name, "its input folders changed"));
      return Action.REPLACE;
    }
    return Action.KEEP;
  }

  /** The first run-once step {@code service} depends on that runs in this {@code up}, or null. */
  private static String rerunDependency(Service service, Set<String> rerunSteps) {
    for (String step : service.dependsOn() == null ? List.<String>of() : service.dependsOn()) {
      if (rerunSteps.contains(step)) {
        return step;
      }
    }
    return null;
  }
}
