package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.runtime.local.ConfinedPaths;
import dev.ephemery.runtime.local.TestnetInstaller;
import dev.ephemery.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per transition of {@link ResetState}, each driven through the real machine. */
class ResetMachineTransitionTest {

  @TempDir Path root;
  NodeFixture node;
  FilesystemRuntime runtime;
  MutableClock clock;
  JournalStore store;
  Function<Integer, Optional<Path>> published;

  @BeforeEach
  void setUp() {
    node = NodeFixture.create(root, "geth", "lighthouse", false);
    runtime = new FilesystemRuntime(node);
    clock = new MutableClock(Instant.parse("2026-11-26T19:00:00Z"));
    store = new JournalStore(node.baseDir);
    published = i -> Optional.of(node.releaseCache.resolve("ephemery-" + i));
  }

  ResetMachine machine() {
    return machine(node.layout);
  }

  ResetMachine machine(NodeLayout layout) {
    return new ResetMachine(
        layout,
        runtime,
        i -> published.apply(i),
        store,
        clock,
        new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, Duration.ofSeconds(10)),
        FaultInjector.NONE);
  }

  /** Runs the machine from DETECTED until the journal is in {@code state}. */
  ResetJournal at(ResetState state) {
    ResetMachine machine = machine();
    ResetJournal journal = machine.begin(154, false);
    while (journal.state() != state) {
      journal = machine.advance(journal).journal();
    }
    return journal;
  }

  @Test
  void detectedMovesToFetchedWithTheVerifiedReleaseFolder() {
    ResetJournal journal = machine().advance(at(ResetState.DETECTED)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.FETCHED);
    assertThat(journal.releaseDir())
        .isEqualTo(node.releaseCache.resolve("ephemery-154").toString());
    assertThat(runtime.calls).isEmpty();
  }

  @Test
  void detectedWaitsWhileTheReleaseIsNotPublished() {
    published = i -> Optional.empty();
    ResetMachine.Outcome outcome = machine().advance(at(ResetState.DETECTED));
    assertThat(outcome.result().isRetry()).isTrue();
    assertThat(outcome.result().retryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(outcome.journal().state()).isEqualTo(ResetState.DETECTED);
  }

  @Test
  void detectedFailsWithoutTouchingTheNodeWhenVerificationFails() {
    published =
        i -> {
          throw new IllegalStateException("chain id in genesis.json disagrees with retention.vars");
        };
    ResetJournal journal = machine().advance(at(ResetState.DETECTED)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.FAILED);
    assertThat(journal.failedIn()).isEqualTo(ResetState.DETECTED);
    assertThat(journal.reason()).contains("old iteration kept running").contains("disagrees");
    assertThat(runtime.calls).isEmpty();
    assertThat(store.unfinished()).isEmpty();
  }

  @Test
  void fetchedStagesTheReleaseBesideTheRunningIterationAndMovesToStopping() {
    assertThat(machine().advance(at(ResetState.FETCHED)).journal().state())
        .isEqualTo(ResetState.STOPPING);
    // Staged where nothing mounts or counts it: the node still runs (and is seen on) 153.
    assertThat(TestnetInstaller.iterationOf(node.baseDir.resolve("testnet/ephemery-154.next")))
        .contains(154);
    assertThat(new TestnetInstaller(node.layout).installedIteration()).contains(153);
    // The runtime's preparation leaves the running containers alone: nothing is stopped yet.
    assertThat(runtime.calls).containsExactly("prepare");
    assertThat(runtime.running).containsExactlyInAnyOrder("execution", "consensus", "validator");
  }

  @Test
  void fetchedGoesStraightToVerifyingForTheWrapperFlavor() {
    NodeLayout wrapper =
        new NodeLayout(
            "node1", node.baseDir, node.layout.testnetDir(), true, node.layout.components());
    ResetMachine machine = machine(wrapper);
    ResetJournal journal = machine.begin(154, false);
    journal = machine.advance(journal).journal();
    journal = machine.advance(journal).journal();
    assertThat(journal.state()).isEqualTo(ResetState.VERIFYING);
    assertThat(runtime.calls).isEmpty();
    assertThat(node.dataFiles()).contains("data/execution/geth/chaindata/000001.ldb");
  }

  @Test
  void fetchedFailsWhenTheReleaseFolderVanished() throws Exception {
    ResetJournal journal = at(ResetState.FETCHED);
    org.assertj.core.util.Files.delete(node.releaseCache.resolve("ephemery-154").toFile());
    journal = machine().advance(journal).journal();
    assertThat(journal.state()).isEqualTo(ResetState.FAILED);
    assertThat(runtime.calls).isEmpty();
  }

  @Test
  void stoppingStopsValidatorFirstAndMovesToWipingLeavingTheExportForLater() {
    ResetJournal before = at(ResetState.STOPPING);
    runtime.calls.clear();
    ResetJournal journal = machine().advance(before).journal();
    assertThat(journal.state()).isEqualTo(ResetState.WIPING);
    assertThat(runtime.calls).containsExactly("stop validator", "stop consensus", "stop execution");
    assertThat(node.baseDir.resolve(EXPORT)).doesNotExist();
  }

  @Test
  void stoppingRetriesWithBackoffWhenTheRuntimeFails() {
    ResetJournal journal = at(ResetState.STOPPING);
    runtime.failNext = new IllegalStateException("docker daemon unreachable");
    ResetMachine.Outcome outcome = machine().advance(journal);
    assertThat(outcome.journal().state()).isEqualTo(ResetState.STOPPING);
    assertThat(outcome.journal().attempts()).isEqualTo(1);
    assertThat(outcome.result().retryAfter()).isEqualTo(Duration.ofSeconds(5));
    runtime.failNext = new IllegalStateException("docker daemon unreachable");
    outcome = machine().advance(outcome.journal());
    assertThat(outcome.result().retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aStepThatKeepsFailingAfterStoppingEndsFailedButResumable() {
    ResetJournal journal = at(ResetState.STOPPING);
    for (int i = 0; i < 3; i++) {
      runtime.failNext = new IllegalStateException("docker daemon unreachable");
      journal = machine().advance(journal).journal();
    }
    assertThat(journal.state()).isEqualTo(ResetState.FAILED);
    assertThat(journal.failedIn()).isEqualTo(ResetState.STOPPING);
    assertThat(store.unfinished()).map(ResetJournal::id).contains(journal.id());
  }

  @Test
  void failedResumesInTheStateThatFailed() {
    ResetJournal journal = at(ResetState.STOPPING);
    for (int i = 0; i < 3; i++) {
      runtime.failNext = new IllegalStateException("docker daemon unreachable");
      journal = machine().advance(journal).journal();
    }
    ResetJournal resumed = machine().resume(journal);
    assertThat(resumed.state()).isEqualTo(ResetState.STOPPING);
    assertThat(machine().run(resumed, d -> true, 20).state()).isEqualTo(ResetState.DONE);
  }

  @Test
  void wipingArchivesSlashingProtectionDeletesChainDataAndMovesToInstalling() {
    ResetJournal journal = machine().advance(at(ResetState.WIPING)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.INSTALLING);
    assertThat(node.dataFiles()).containsExactlyInAnyOrderElementsOf(node.mustKeep());
    assertThat(
            node.baseDir.resolve(
                "slashing-protection/153/validator/validators/slashing_protection.sqlite"))
        .hasContent("validator:validators/slashing_protection.sqlite");
  }

  @Test
  void installingSwapsTheTestnetFolderAndMovesToInitialising() {
    ResetJournal journal = machine().advance(at(ResetState.INSTALLING)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.INITIALISING);
    assertThat(TestnetInstaller.iterationOf(node.layout.testnetDir())).contains(154);
    assertThat(node.baseDir.resolve("testnet/ephemery-154.next")).doesNotExist();
  }

  @Test
  void installingStagesTheReleaseItselfWhenTheStagedCopyIsGone() {
    ResetJournal journal = at(ResetState.INSTALLING);
    new ConfinedPaths(node.baseDir).delete(node.baseDir.resolve("testnet/ephemery-154.next"));

    journal = machine().advance(journal).journal();

    assertThat(journal.state()).isEqualTo(ResetState.INITIALISING);
    assertThat(node.baseDir.resolve("testnet/ephemery-154/genesis.json")).exists();
    assertThat(TestnetInstaller.iterationOf(node.layout.testnetDir())).contains(154);
  }

  @Test
  void initialisingRunsGenesisInitOnlyForClientsThatNeedItAndMovesToStarting() {
    ResetJournal journal = machine().advance(at(ResetState.INITIALISING)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.STARTING);
    assertThat(runtime.calls)
        .filteredOn(c -> c.startsWith("init"))
        .containsExactly("init execution");
    assertThat(node.dir("execution").resolve("geth/chaindata/GENESIS")).hasContent("iteration 154");
  }

  @Test
  void startingStartsInPlanOrderAndMovesToVerifying() {
    ResetJournal before = at(ResetState.STARTING);
    runtime.calls.clear();
    ResetJournal journal = machine().advance(before).journal();
    assertThat(journal.state()).isEqualTo(ResetState.VERIFYING);
    assertThat(runtime.calls)
        .containsExactly(
            "register validator", "start execution", "start consensus", "start validator");
    assertThat(journal.transitions().get(journal.transitions().size() - 1).note())
        .isEqualTo("started in order; keys registered for [validator]");
  }

  @Test
  void startingRegistersLighthousesKeysInANewSlashingDbBeforeItsFirstStartAfterTheWipe() {
    ResetJournal before = at(ResetState.STARTING);
    Path db = node.dir("validator").resolve("validators/slashing_protection.sqlite");
    assertThat(db).as("deleted by the wipe").doesNotExist();

    machine().advance(before);

    // Without it, the runtime refuses the start as lighthouse does (keys, no database).
    assertThat(db).hasContent("fresh slashing db, keys registered for 154");
    assertThat(runtime.running).contains("validator");
  }

  @Test
  void startingRerunAfterTheValidatorStartedRegistersNothingBesideTheRunningClient() {
    ResetJournal before = at(ResetState.STARTING);
    machine().advance(before);
    runtime.calls.clear();

    // A crash after the starts, before the journal moved on: STARTING runs again.
    machine().advance(before);

    assertThat(runtime.calls).doesNotContain("register validator");
  }

  @Test
  void onlyClientsThatRefuseToStartWithoutTheirSlashingDbGetTheirKeysRegistered() {
    Component lighthouse = node.layout.components().get(2);
    Component teku =
        new Component(
            "validator",
            dev.ephemery.plan.Role.VALIDATOR,
            "teku",
            node.dir("validator"),
            TestLayouts.of(dev.ephemery.plan.Role.VALIDATOR, "teku", node.dir("validator")));
    Component beacon = node.layout.components().get(1);

    assertThat(
            ResetMachine.keysRegisteredBeforeStart(
                java.util.List.of(beacon, lighthouse, teku), c -> false))
        .containsExactly(lighthouse);
    assertThat(ResetMachine.keysRegisteredBeforeStart(java.util.List.of(lighthouse), c -> true))
        .as("its DB is there again: made by an earlier run or the started client")
        .isEmpty();
  }

  @Test
  void verifyingMovesToDoneWhenTheNodeRunsTheNewIteration() {
    ResetJournal journal = machine().advance(at(ResetState.VERIFYING)).journal();
    assertThat(journal.state()).isEqualTo(ResetState.DONE);
    assertThat(journal.downtime()).isNotNull();
    assertThat(store.done(154)).isPresent();
    assertThat(store.unfinished()).isEmpty();
  }

  static final String EXPORT = "slashing-protection/153/validator/slashing-protection-eip3076.json";

  @Test
  void verifyingExportsTheArchivedSlashingDbOfTheOldChainNotTheNewOne() throws Exception {
    ResetJournal journal = machine().advance(at(ResetState.VERIFYING)).journal();

    assertThat(journal.state()).isEqualTo(ResetState.DONE);
    // The validator started on the new chain with a fresh DB; the export read the archived one.
    assertThat(node.dir("validator").resolve("validators/slashing_protection.sqlite"))
        .content()
        .startsWith("fresh slashing db");
    assertThat(node.baseDir.resolve(EXPORT))
        .content()
        .contains("\"0x153\"", "validator:validators/slashing_protection.sqlite")
        .doesNotContain("fresh");
    assertThat(runtime.calls.indexOf("export validator"))
        .isGreaterThan(runtime.calls.indexOf("start validator"));
    assertThat(journal.transitions().get(journal.transitions().size() - 1).note())
        .endsWith("EIP-3076 export: [validator]");
  }

  @Test
  void verifyingSkipsAnExportWhoseFileIsThereAlready() {
    ResetJournal journal = at(ResetState.VERIFYING);
    NodeFixture.write(node.baseDir.resolve(EXPORT), "{}");
    runtime.calls.clear();

    journal = machine().advance(journal).journal();

    assertThat(journal.state()).isEqualTo(ResetState.DONE);
    assertThat(runtime.calls).containsExactly("verify");
    assertThat(node.baseDir.resolve(EXPORT)).hasContent("{}");
    assertThat(journal.transitions().get(journal.transitions().size() - 1).note())
        .endsWith("EIP-3076 export: [validator]");
  }

  @Test
  void aFailedExportIsNotedAndTheResetStillEnds() {
    ResetJournal journal = at(ResetState.VERIFYING);
    runtime.failExport = new IllegalStateException("export container exited with 1");
    runtime.calls.clear();

    journal = machine().advance(journal).journal();

    assertThat(journal.state()).isEqualTo(ResetState.DONE);
    assertThat(node.baseDir.resolve(EXPORT)).doesNotExist();
    assertThat(
            node.baseDir.resolve(
                "slashing-protection/153/validator/validators/slashing_protection.sqlite"))
        .exists();
    assertThat(journal.transitions().get(journal.transitions().size() - 1).note())
        .contains("validator failed: export container exited with 1");
  }

  @Test
  void afterASkipOfSeveralIterationsTheOldTestnetFolderStaysForTheExportUntilTheNextReset() {
    NodeFixture.release(156, node.releaseCache.resolve("ephemery-156"));
    NodeFixture.release(157, node.releaseCache.resolve("ephemery-157"));
    ResetMachine to156 = node.machineFor(156, runtime, store, clock);

    ResetJournal end = to156.run(to156.begin(156, false), d -> true, 20);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    assertThat(node.baseDir.resolve("testnet/ephemery-153/retention.vars")).exists();
    assertThat(node.baseDir.resolve(EXPORT)).content().contains("\"0x153\"");

    ResetMachine to157 = node.machineFor(157, runtime, store, clock);
    assertThat(to157.run(to157.begin(157, false), d -> true, 20).state())
        .isEqualTo(ResetState.DONE);
    assertThat(node.baseDir.resolve("testnet/ephemery-153")).doesNotExist();
    assertThat(node.baseDir.resolve("testnet/ephemery-156/retention.vars")).exists();
    assertThat(node.baseDir.resolve("slashing-protection/156/validator/" + EXPORT_FILE))
        .content()
        .contains("\"0x156\"", "fresh slashing db");
  }

  static final String EXPORT_FILE = ResetMachine.EIP3076_FILE;

  @Test
  void verifyingRetriesWhileTheNodeIsNotThereYet() {
    ResetJournal journal = at(ResetState.VERIFYING);
    runtime.running.remove("consensus");
    ResetMachine.Outcome outcome = machine().advance(journal);
    assertThat(outcome.result().retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(outcome.journal().state()).isEqualTo(ResetState.VERIFYING);
  }

  @Test
  void verifyingFailsAfterItsPatienceRunsOut() {
    ResetJournal journal = at(ResetState.VERIFYING);
    runtime.running.remove("consensus");
    for (int i = 0; i < 18 && journal.state() == ResetState.VERIFYING; i++) {
      journal = machine().advance(journal).journal();
    }
    assertThat(journal.state()).isEqualTo(ResetState.FAILED);
    assertThat(journal.failedIn()).isEqualTo(ResetState.VERIFYING);
    assertThat(journal.reason()).contains("did not reach iteration 154");
  }

  @Test
  void everyTransitionOutsideTheDocumentedOnesIsRefused() {
    ResetJournal journal = at(ResetState.DETECTED);
    for (ResetState target : ResetState.values()) {
      if (!ResetState.DETECTED.canMoveTo(target)) {
        assertThatThrownBy(() -> journal.moveTo(target, "", clock.instant()))
            .isInstanceOf(IllegalStateException.class);
      }
    }
    assertThat(ResetState.DONE.allowedNext()).isEmpty();
    assertThat(ResetState.FAILED.allowedNext()).doesNotContain(ResetState.DETECTED);
  }

  @Test
  void aNewResetForTheSameIterationResumesTheUnfinishedOneInsteadOfStartingTwice() {
    ResetJournal first = at(ResetState.WIPING);
    clock.advance(Duration.ofMinutes(1));
    assertThat(machine().begin(154, false).id()).isEqualTo(first.id());
  }

  @Test
  void verifyingExportsTheSlashingDbOfABeaconNodeWithABuiltInValidator() {
    Component grandine =
        new Component(
            "consensus",
            dev.ephemery.plan.Role.CONSENSUS,
            "grandine",
            node.dir("consensus"),
            TestLayouts.of(dev.ephemery.plan.Role.CONSENSUS, "grandine", node.dir("consensus")));
    NodeFixture.write(
        node.dir("consensus").resolve("testnet/validator/slashing_protection.sqlite"),
        "grandine db");
    NodeLayout layout =
        new NodeLayout(
            "node1",
            node.baseDir,
            node.layout.testnetDir(),
            false,
            java.util.List.of(node.layout.components().get(0), grandine));
    ResetMachine machine = machine(layout);
    ResetJournal journal = machine.begin(154, false);
    while (!journal.state().terminal()) {
      journal = machine.advance(journal).journal();
    }

    assertThat(journal.state()).isEqualTo(ResetState.DONE);
    assertThat(
            node.baseDir.resolve("slashing-protection/153/consensus/" + ResetMachine.EIP3076_FILE))
        .content()
        .contains("grandine db");
    assertThat(node.dir("consensus").resolve("testnet/validator/slashing_protection.sqlite"))
        .doesNotExist();
    assertThat(runtime.calls).contains("export consensus");
  }
}
