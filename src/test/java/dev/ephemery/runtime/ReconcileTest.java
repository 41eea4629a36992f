package dev.ephemery.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Reconcile.Action;
import dev.ephemery.runtime.Reconcile.Actions;
import dev.ephemery.runtime.Reconcile.Desired;
import dev.ephemery.runtime.Reconcile.Observed;
import dev.ephemery.runtime.Reconcile.Planned;
import dev.ephemery.runtime.Reconcile.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per rule of what {@code up} does with a container, without Docker. */
class ReconcileTest {

  static final Planned INIT = planned("init", Role.INIT, true);
  static final Planned EL = planned("el", Role.EXECUTION, false, "init");
  static final Planned CL = planned("cl", Role.CONSENSUS, false, "el");
  static final Planned IMPORT = planned("import", Role.INIT, true, "cl");
  static final Planned VC = planned("vc", Role.VALIDATOR, false, "cl", "import");
  static final Planned SUPERVISOR = planned("supervisor", Role.SUPERVISOR, false);

  static Planned planned(String name, Role role, boolean runOnce, String... dependsOn) {
    Service service =
        new Service(
            name,
            role,
            "busybox",
            "busybox:1",
            null,
            null,
            List.of(),
            List.of(),
            Map.of(),
            Map.of(),
            List.of(dependsOn),
            runOnce,
            null,
            null,
            null);
    return new Planned(service, "n1-" + name, "hash-" + name);
  }

  static Observed running(Planned p) {
    return new Observed("running", p.planHash(), null, false);
  }

  static Observed exited(Planned p, boolean ok, String inputsHash) {
    return new Observed("exited", p.planHash(), inputsHash, ok);
  }

  static Desired desired(Map<String, String> inputs, boolean supervisorFiles, Planned... services) {
    Set<String> planned = new LinkedHashSet<>();
    for (Planned p : services) {
      planned.add(p.container());
    }
    return new Desired(List.of(services), planned, inputs, supervisorFiles);
  }

  static Desired desired(Planned... services) {
    return desired(Map.of(), false, services);
  }

  static Map<String, Observed> observed(Object... pairs) {
    Map<String, Observed> byName = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      byName.put(((Planned) pairs[i]).container(), (Observed) pairs[i + 1]);
    }
    return byName;
  }

  static Change change(String action, Planned p, String reason) {
    return new Change(action, "container", p.container(), reason);
  }

  static List<Action> actions(Actions decided) {
    return decided.steps().stream().map(Step::action).toList();
  }

  static Step step(Actions decided, Planned p) {
    return decided.steps().stream().filter(s -> s.planned().equals(p)).findFirst().orElseThrow();
  }

  @Test
  void missingContainersAreCreatedAndMissingStepsRun() {
    Actions decided = Reconcile.decide(desired(INIT, EL, CL), Map.of());

    assertThat(actions(decided)).containsExactly(Action.CREATE, Action.CREATE, Action.CREATE);
    assertThat(decided.changes())
        .containsExactly(
            change("run", INIT, "missing"),
            change("create", EL, "missing"),
            change("create", CL, "missing"));
    assertThat(decided.remove()).isEmpty();
    // Nothing runs beside a step that is created with it: nothing to stop first.
    assertThat(decided.steps()).allMatch(s -> s.stopFirst().isEmpty());
  }

  @Test
  void aChangedPlanHashRecreatesAServiceAndRerunsAStep() {
    Observed oldInit = new Observed("exited", "old", null, true);
    Observed oldCl = new Observed("running", "old", null, false);

    Actions decided =
        Reconcile.decide(
            desired(INIT, EL, CL), observed(INIT, oldInit, EL, exited(EL, true, null), CL, oldCl));

    assertThat(decided.changes())
        .containsExactly(
            change("rerun", INIT, "plan changed"),
            change("start", EL, "exited"),
            change("recreate", CL, "plan changed"));
    assertThat(actions(decided)).containsExactly(Action.REPLACE, Action.START, Action.REPLACE);
    // cl depends on el, not on the step: it is replaced at its own turn, not stopped before it.
    assertThat(step(decided, INIT).stopFirst()).isEmpty();
  }

  @Test
  void aStepCreatedAheadAndNeverRunIsRun() {
    Actions decided =
        Reconcile.decide(
            desired(INIT, EL),
            observed(INIT, new Observed("created", INIT.planHash(), null, false)));

    assertThat(decided.changes())
        .containsExactly(change("run", INIT, "created"), change("create", EL, "missing"));
    assertThat(actions(decided)).containsExactly(Action.RUN, Action.CREATE);
  }

  @Test
  void aStepThatExitedZeroIsKeptAndSoAreItsRunningDependents() {
    Actions decided =
        Reconcile.decide(
            desired(INIT, EL, CL),
            observed(INIT, exited(INIT, true, null), EL, running(EL), CL, running(CL)));

    assertThat(decided.changes()).isEmpty();
    assertThat(actions(decided)).containsOnly(Action.KEEP);
    assertThat(decided.steps()).allMatch(s -> s.stopFirst().isEmpty());
  }

  @Test
  void aStepThatExitedNonZeroRunsAgainBeforeItsRunningDependent() {
    Actions decided =
        Reconcile.decide(
            desired(INIT, EL, CL),
            observed(INIT, exited(INIT, false, null), EL, running(EL), CL, running(CL)));

    assertThat(decided.changes())
        .containsExactly(
            change("rerun", INIT, "did not complete"),
            change("restart", EL, "a step before it runs again"));
    assertThat(actions(decided)).containsExactly(Action.REPLACE, Action.START, Action.KEEP);
    assertThat(step(decided, INIT).stopFirst()).containsExactly(EL.container());
  }

  @Test
  void changedInputsRerunTheStepAndRestartItsRunningDependent() {
    Map<String, Observed> seen =
        observed(
            INIT, exited(INIT, true, null),
            EL, running(EL),
            CL, running(CL),
            IMPORT, exited(IMPORT, true, "d1"),
            VC, running(VC));
    Desired before = desired(Map.of("import", "d1"), false, INIT, EL, CL, IMPORT, VC);
    Desired after = desired(Map.of("import", "d2"), false, INIT, EL, CL, IMPORT, VC);

    assertThat(Reconcile.decide(before, seen).changes()).isEmpty();
    Actions decided = Reconcile.decide(after, seen);
    assertThat(decided.changes())
        .containsExactly(
            change("rerun", IMPORT, "its input folders changed"),
            change("restart", VC, "a step before it runs again"));
    assertThat(actions(decided))
        .containsExactly(Action.KEEP, Action.KEEP, Action.KEEP, Action.REPLACE, Action.START);
    assertThat(step(decided, IMPORT).stopFirst()).containsExactly(VC.container());
    assertThat(step(decided, VC).stopFirst()).isEmpty();
  }

  @Test
  void aStepWithoutADigestNowIsNotRerunForItsInputs() {
    // A dry run that cannot look at the input folders has no digest: it reports no rerun.
    Actions decided =
        Reconcile.decide(
            desired(Map.of(), false, IMPORT, VC),
            observed(IMPORT, exited(IMPORT, true, "d1"), VC, running(VC)));

    assertThat(decided.changes()).isEmpty();
  }

  @Test
  void aStoppedDependentOfARerunStepIsStartedNotStoppedFirst() {
    Actions decided =
        Reconcile.decide(
            desired(Map.of("import", "d2"), false, IMPORT, VC),
            observed(IMPORT, exited(IMPORT, true, "d1"), VC, exited(VC, false, null)));

    assertThat(decided.changes())
        .containsExactly(
            change("rerun", IMPORT, "its input folders changed"), change("start", VC, "exited"));
    assertThat(step(decided, IMPORT).stopFirst()).isEmpty();
  }

  @Test
  void aRunningSupervisorRestartsWhenItsFilesChanged() {
    Map<String, Observed> seen = observed(SUPERVISOR, running(SUPERVISOR), EL, running(EL));

    Actions changed = Reconcile.decide(desired(Map.of(), true, SUPERVISOR, EL), seen);
    assertThat(changed.changes())
        .containsExactly(change("restart", SUPERVISOR, "its jar or inventory changed"));
    assertThat(actions(changed)).containsExactly(Action.RESTART, Action.KEEP);

    Actions same = Reconcile.decide(desired(Map.of(), false, SUPERVISOR, EL), seen);
    assertThat(same.changes()).isEmpty();
    assertThat(actions(same)).containsExactly(Action.KEEP, Action.KEEP);
  }

  @Test
  void aStoppedServiceIsStartedWithItsStateAsTheReason() {
    Actions decided =
        Reconcile.decide(
            desired(EL, CL),
            observed(
                EL,
                exited(EL, false, null),
                CL,
                new Observed("created", CL.planHash(), null, false)));

    assertThat(decided.changes())
        .containsExactly(change("start", EL, "exited"), change("start", CL, "created"));
    assertThat(actions(decided)).containsExactly(Action.START, Action.START);
    assertThat(decided.steps()).allMatch(s -> s.stopFirst().isEmpty());
  }

  @Test
  void aContainerNoLongerPlannedIsRemovedFirstButOneLeftAsItIsStays() {
    Planned gone = planned("old-cl", Role.CONSENSUS, false);
    // The supervisor is planned but not converged (no files given): it is left as it is.
    Desired desired =
        new Desired(List.of(EL), Set.of(EL.container(), SUPERVISOR.container()), Map.of(), false);

    Actions decided =
        Reconcile.decide(
            desired,
            observed(gone, running(gone), SUPERVISOR, running(SUPERVISOR), EL, running(EL)));

    assertThat(decided.remove()).containsExactly(gone.container());
    assertThat(decided.changes()).containsExactly(change("remove", gone, "no longer planned"));
    assertThat(decided.steps()).extracting(Step::planned).containsExactly(EL);
  }

  @Test
  void aDryRunAndTheRunAfterItReportTheSameChanges() {
    Planned gone = planned("old", Role.MONITORING, false);
    Map<String, Observed> seen =
        Map.copyOf(
            observed(
                gone, running(gone),
                INIT, exited(INIT, false, null),
                EL, running(EL),
                IMPORT, exited(IMPORT, true, "d1"),
                VC, running(VC)));
    Desired desired = desired(Map.of("import", "d2"), false, INIT, EL, CL, IMPORT, VC);

    // decide keeps nothing between calls and changes none of its (immutable) inputs.
    Actions dryRun = Reconcile.decide(desired, seen);
    Actions run = Reconcile.decide(desired, seen);

    assertThat(run).isEqualTo(dryRun);
    assertThat(new ArrayList<>(run.changes()))
        .containsExactly(
            change("remove", gone, "no longer planned"),
            change("rerun", INIT, "did not complete"),
            change("restart", EL, "a step before it runs again"),
            change("create", CL, "missing"),
            change("rerun", IMPORT, "its input folders changed"),
            change("restart", VC, "a step before it runs again"));
  }

  @Test
  void theDecisionUsesNoDockerTypes() {
    noClasses()
        .that()
        .haveNameMatching("dev\\.ephemery\\.runtime\\.Reconcile(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.github.dockerjava..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ephemery.runtime"));
  }

  @Test
  void aResetCreatesAheadAMissingContainer() {
    assertThat(Reconcile.createAhead(EL, null)).isEqualTo(Reconcile.Ahead.CREATE);
  }

  @Test
  void aResetReplacesAheadAStoppedContainerOfTheOldPlan() {
    for (String state : List.of("exited", "created", "dead")) {
      assertThat(Reconcile.createAhead(EL, new Observed(state, "old-hash", null, false)))
          .as(state)
          .isEqualTo(Reconcile.Ahead.REPLACE);
    }
  }

  @Test
  void aResetLeavesAheadACurrentContainerAndARunningOneForUp() {
    assertThat(Reconcile.createAhead(EL, new Observed("exited", EL.planHash(), null, false)))
        .isEqualTo(Reconcile.Ahead.LEAVE);
    assertThat(Reconcile.createAhead(EL, new Observed("running", "old-hash", null, false)))
        .isEqualTo(Reconcile.Ahead.LEAVE);
    assertThat(Reconcile.createAhead(EL, new Observed("restarting", "old-hash", null, false)))
        .isEqualTo(Reconcile.Ahead.LEAVE);
  }
}
