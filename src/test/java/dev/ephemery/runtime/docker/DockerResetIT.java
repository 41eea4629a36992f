package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.ephemery.common.Pause;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetMachine;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.RetryPolicy;
import dev.ephemery.plan.ClientRef;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PlannedPath.Kind;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.ReleaseMarker;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.testing.CrashOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reset through {@link DockerNodeRuntime} against the real dockerd: stand-in containers for geth,
 * lighthouse BN and lighthouse VC on data folders laid out like the real clients' ones. The
 * stand-ins append "start"/"stop" lines to a trace file outside the data folders, so the order
 * Docker ran them in is on record. The validator's image has the {@link SlashingExportIT} export
 * script as {@code lighthouse}, and the validator starts a fresh slashing DB for its chain, as
 * {@code --init-slashing-protection} does.
 */
class DockerResetIT {

  /** The trace a reset leaves: stops in reverse start order, then the init step and the starts. */
  static final List<String> STOPS_THEN_STARTS =
      List.of(
          "validator stop",
          "consensus stop",
          "execution stop",
          "geth-init start",
          "execution start",
          "consensus start",
          "validator start");

  static final String TERM_TRACE = "trap 'echo %1$s stop >> /trace/events; exit 0' TERM; ";

  Path work;
  Path base;
  String node;
  String image;
  String validatorImage;
  DockerConnection connection;

  @BeforeEach
  void setUp() throws Exception {
    image = ItEnvironment.standinImage();
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    work = Files.createTempDirectory("ephemery-reset-it-");
    base = work.resolve("base");
    node = "rst" + UUID.randomUUID().toString().substring(0, 8);
    connection = DockerConnection.open(HostTarget.local(node));
    validatorImage = SlashingExportIT.exporterImage(connection.client(), image, node, work);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (connection != null) {
      new DockerRuntime(connection.client(), l -> {}).down(node, null, Purge.NONE, image, false);
      if (validatorImage != null) {
        connection.client().removeImageCmd(validatorImage).withForce(true).exec();
      }
      connection.close();
    }
    DockerRuntimeContract.deleteTree(work);
  }

  HostPlan plan(int iteration) {
    String b = base.toString();
    String testnet = b + "/testnet/ephemery-" + iteration;
    List<PlannedPath> paths =
        List.of(
            new PlannedPath(b + "/data", Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/data/execution", Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/data/consensus", Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/data/validator", Kind.DIRECTORY, 0700, null),
            new PlannedPath(b + "/trace", Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/jwt.hex", Kind.JWT_SECRET, 0600, null),
            new PlannedPath(testnet, Kind.RELEASE_FILES, 0755, null));
    List<Service> services = new ArrayList<>();
    services.add(
        service(
            "geth-init",
            Role.INIT,
            "geth",
            "test -f /testnet/genesis.json && echo geth-init start >> /trace/events",
            b + "/data/execution",
            testnet,
            List.of(),
            true));
    services.add(
        service(
            "execution",
            Role.EXECUTION,
            "geth",
            loop("execution"),
            b + "/data/execution",
            testnet,
            List.of("geth-init"),
            false));
    services.add(
        service(
            "consensus",
            Role.CONSENSUS,
            "lighthouse",
            loop("consensus"),
            b + "/data/consensus",
            testnet,
            List.of("execution"),
            false));
    services.add(
        service(
            "validator",
            Role.VALIDATOR,
            "lighthouse",
            "test -f /data/validators/slashing_protection.sqlite || echo chain-"
                + iteration
                + " > /data/validators/slashing_protection.sqlite; "
                + loop("validator"),
            b + "/data/validator",
            testnet,
            List.of("consensus"),
            false));
    return new HostPlan(node, "local", b, iteration, node + "-net", paths, services);
  }

  static String loop(String name) {
    return String.format(TERM_TRACE, name)
        + "echo "
        + name
        + " start >> /trace/events; sleep 3600 & wait";
  }

  Service service(
      String name,
      Role role,
      String client,
      String script,
      String data,
      String testnet,
      List<String> dependsOn,
      boolean once) {
    // The reset reads each client's data layout off the plan, as the planner fills it.
    String initStep = role == Role.EXECUTION && !dependsOn.isEmpty() ? dependsOn.get(0) : null;
    DataLayout layout =
        new ClientRef(role, client)
            .profile()
            .map(profile -> DataLayout.of(profile, data, initStep))
            .orElse(null);
    return Service.builder(name, role, client)
        .image(role == Role.VALIDATOR ? validatorImage : image)
        // The validator's export runs its image's lighthouse with the entrypoint it has: none.
        .entrypoint(role == Role.VALIDATOR ? null : List.of("sh", "-c"))
        .command(role == Role.VALIDATOR ? List.of("sh", "-c", script) : List.of(script))
        .mounts(
            List.of(
                new Mount(data, "/data", false),
                new Mount(testnet, "/testnet", true),
                new Mount(base + "/trace", "/trace", false),
                new Mount(base + "/jwt.hex", "/jwt.hex", true)))
        .dependsOn(dependsOn)
        .runOnce(once)
        .restartPolicy(once ? null : "unless-stopped")
        .layout(layout)
        .build();
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  static void release(Path dir, int iteration) throws IOException {
    write(
        dir.resolve("retention.vars"),
        "export ITERATION_NUMBER=\""
            + iteration
            + "\"\nexport CHAIN_ID=\""
            + (39438000 + iteration)
            + "\"\n");
    write(dir.resolve("genesis.json"), "{\"config\":{\"chainId\":" + (39438000 + iteration) + "}}");
    write(dir.resolve("config.yaml"), "CONFIG_NAME: testnet\n");
    write(dir.resolve("genesis.ssz"), "0x" + iteration + "root");
  }

  /** The real clients' data layouts (geth, lighthouse BN, lighthouse VC). */
  static final List<String> LAYOUT =
      List.of(
          "data/execution/geth/nodekey",
          "data/execution/geth/chaindata/000001.ldb",
          "data/execution/geth/chaindata/ancient/chain/bodies.cidx",
          "data/execution/geth/LOCK",
          "data/execution/geth/transactions.rlp",
          "data/execution/keystore/UTC--2024-01-01--abc",
          "data/consensus/beacon/network/key",
          "data/consensus/beacon/network/enr.dat",
          "data/consensus/beacon/chain_db/000001.ldb",
          "data/consensus/beacon/freezer_db/000001.ldb",
          "data/consensus/beacon/blobs_db/000001.ldb",
          "data/validator/validators/0xaa11/voting-keystore.json",
          "data/validator/validators/slashing_protection.sqlite",
          "data/validator/validators/validator_definitions.yml",
          "data/validator/secrets/0xaa11");

  static final Set<String> KEPT =
      new TreeSet<>(
          List.of(
              "data/execution/geth/nodekey",
              "data/execution/keystore/UTC--2024-01-01--abc",
              "data/consensus/beacon/network/key",
              "data/consensus/beacon/network/enr.dat",
              "data/validator/validators/0xaa11/voting-keystore.json",
              "data/validator/validators/validator_definitions.yml",
              "data/validator/secrets/0xaa11"));

  /** The data files after a reset: the kept ones and the new chain's fresh slashing DB. */
  static final Set<String> AFTER = new TreeSet<>(KEPT);

  static {
    AFTER.add("data/validator/validators/slashing_protection.sqlite");
  }

  Set<String> files(Path under) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(under)) {
      walk.filter(Files::isRegularFile).forEach(p -> out.add(base.relativize(p).toString()));
    }
    return out;
  }

  ResetJournal reset(DockerRuntime runtime, Path cache, int iteration) {
    return reset(runtime, cache, iteration, FaultInjector.NONE);
  }

  ResetJournal reset(DockerRuntime runtime, Path cache, int iteration, FaultInjector faults) {
    HostPlan next = plan(iteration);
    try (DockerNodeRuntime nodeRuntime =
        new DockerNodeRuntime(
            connection.client(), runtime, next, cache.resolve("ephemery-" + iteration), image)) {
      ResetMachine machine =
          new ResetMachine(
              NodeLayouts.of(next),
              nodeRuntime,
              i -> Optional.of(cache.resolve("ephemery-" + i)),
              new JournalStore(base),
              Clock.systemUTC(),
              RetryPolicy.DEFAULT,
              faults);
      return machine.run(
          machine.begin(iteration, false),
          // The machine's own retry waits, shortened to at most 2 s to keep the test quick.
          d -> {
            Pause.THREAD.pause(d.compareTo(Duration.ofSeconds(2)) < 0 ? d : Duration.ofSeconds(2));
            return true;
          },
          200);
    }
  }

  /** The node on iteration 153, its data laid out like the real clients', the trace emptied. */
  Path nodeOn153(DockerRuntime runtime, int releases) throws Exception {
    Path cache = work.resolve("cache");
    for (int i = 153; i <= 153 + releases; i++) {
      release(cache.resolve("ephemery-" + i), i);
    }
    // The node runs iteration 153: its release installed the way the reset installs one.
    release(base.resolve("testnet/ephemery-153"), 153);
    write(base.resolve("testnet/ephemery-153/.ephemery-release"), "153\n");
    for (String file : LAYOUT) {
      write(base.resolve(file), file);
    }
    runtime.up(plan(153), new RuntimeOptions(false, null, image, Duration.ofMinutes(2)));
    Path events = base.resolve("trace/events");
    waitForLines(events, 4);
    Files.writeString(events, "");
    return cache;
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"mid:STOPPING", "exit:STARTING", "exit:VERIFYING"})
  void aResetKilledWhileContainersAreCreatedAheadOrStartedResumesToTheSameEnd(String point)
      throws Exception {
    DockerRuntime runtime = new DockerRuntime(connection.client(), l -> {});
    Path cache = nodeOn153(runtime, 1);
    FaultInjector killer = new CrashOnce(point);

    Instant begin = Instant.now();
    // A killed process leaves its journal; the Docker calls it had sent have landed (close()).
    assertThatThrownBy(() -> reset(runtime, cache, 154, killer))
        .isInstanceOf(CrashOnce.SimulatedCrash.class);
    ResetJournal resumed = reset(runtime, cache, 154);

    assertThat(resumed.state()).as(resumed.reason()).isEqualTo(ResetState.DONE);
    Path events = base.resolve("trace/events");
    waitForLines(events, 7);
    assertThat(Files.readAllLines(events)).containsExactlyElementsOf(STOPS_THEN_STARTS);
    assertThat(files(base.resolve("data"))).isEqualTo(AFTER);
    assertExported(153, "data/validator/validators/slashing_protection.sqlite");
    // Exported once: a rerun finds the file of the killed run, or makes it.
    assertThat(exportStarts(begin)).hasSize(1);
    assertThat(ServiceState.healthy(runtime.status(node, plan(154)))).isTrue();
  }

  /**
   * The export in iteration {@code old}'s archive was made from the archived DB {@code db} (not the
   * new chain's live one) with that iteration's genesis.
   */
  void assertExported(int old, String db) throws IOException {
    JsonNode json =
        new ObjectMapper()
            .readTree(
                base.resolve(
                        "slashing-protection/"
                            + old
                            + "/validator/slashing-protection-eip3076.json")
                    .toFile());
    assertThat(json.at("/metadata/genesis_validators_root").asText())
        .isEqualTo("0x" + old + "root");
    assertThat(json.at("/data/0/pubkey").asText()).isEqualTo(db);
  }

  /** When the node's EIP-3076 export containers started since {@code from}, by Docker's events. */
  List<Instant> exportStarts(Instant from) throws InterruptedException {
    List<Instant> starts = new ArrayList<>();
    connection
        .client()
        .eventsCmd()
        .withSince(Long.toString(from.getEpochSecond()))
        .withUntil(Long.toString(Instant.now().getEpochSecond() + 1))
        .withEventFilter("start")
        .withLabelFilter(LabelKeys.NODE + "=" + node, LabelKeys.HELPER + "=slashing-export")
        .exec(
            new ResultCallback.Adapter<Event>() {
              @Override
              public void onNext(Event event) {
                if (event.getTimeNano() != null
                    && event.getTimeNano() >= DockerRuntimeContract.nanos(from)) {
                  starts.add(Instant.EPOCH.plusNanos(event.getTimeNano()));
                }
              }
            })
        .awaitCompletion(20, TimeUnit.SECONDS);
    return starts;
  }

  Instant startedAt(String service) {
    return Instant.parse(
        connection
            .client()
            .inspectContainerCmd(node + "-" + service)
            .exec()
            .getState()
            .getStartedAt());
  }

  @Test
  void resetStopsInReverseWipesByTheRulesInstallsInitsAndStartsInOrder() throws Exception {
    DockerClient docker = connection.client();
    DockerRuntime runtime = new DockerRuntime(docker, l -> {});
    int rounds = Integer.getInteger("ephemery.bench.rounds", 3);
    Path cache = nodeOn153(runtime, 3 + rounds);
    Path events = base.resolve("trace/events");

    // A skip of one iteration: 154 was never installed here.
    ResetJournal end = reset(runtime, cache, 155);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    waitForLines(events, 7);
    assertThat(Files.readAllLines(events)).containsExactlyElementsOf(STOPS_THEN_STARTS);
    // Start times as Docker records them follow the same order.
    List<Instant> started = new ArrayList<>();
    for (String service : List.of("geth-init", "execution", "consensus", "validator")) {
      started.add(startedAt(service));
    }
    assertThat(started).isSorted();
    // The init step was replaced before the first stop (it never runs outside up or a reset).
    assertThat(
            Instant.parse(
                connection.client().inspectContainerCmd(node + "-geth-init").exec().getCreated()))
        .isBefore(transitionAt(end, ResetState.STOPPING));
    // The containers were started before VERIFYING; VERIFYING saw them stay up.
    assertThat(started.get(3)).isBefore(transitionAt(end, ResetState.VERIFYING));
    assertThat(Duration.between(started.get(3), transitionAt(end, ResetState.DONE)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    // The EIP-3076 export ran once, after the validator's new container started, off the
    // critical path, on the archived DB of 153 with 153's genesis; 153's folder stayed for it.
    List<Instant> exports = exportStarts(transitionAt(end, ResetState.STOPPING));
    assertThat(exports).hasSize(1);
    assertThat(exports.get(0)).isAfter(started.get(3));
    assertExported(153, "data/validator/validators/slashing_protection.sqlite");
    assertThat(base.resolve("data/validator/validators/slashing_protection.sqlite"))
        .hasContent("chain-155\n");
    assertThat(transitionAt(end, ResetState.DONE)).isAfter(exports.get(0));
    assertThat(end.transitions().get(end.transitions().size() - 1).note())
        .endsWith("EIP-3076 export: [validator]");
    assertThat(base.resolve("testnet/ephemery-153/genesis.ssz")).exists();
    assertThat(base.resolve("testnet/ephemery-154")).doesNotExist();
    // The reset installed the release with the runtime's marker: no helper container rewrote it.
    assertThat(
            DockerRuntimeContract.filesHelpersCreated(
                connection.client(), node, transitionAt(end, ResetState.STOPPING), Instant.now()))
        .isEmpty();
    assertThat(base.resolve("testnet/ephemery-155/" + ReleaseMarker.FILE))
        .hasContent(ReleaseMarker.digest(cache.resolve("ephemery-155")));

    assertThat(files(base.resolve("data"))).isEqualTo(AFTER);
    assertThat(files(base.resolve("slashing-protection")))
        .containsExactly(
            "slashing-protection/153/validator/slashing-protection-eip3076.json",
            "slashing-protection/153/validator/validators/slashing_protection.sqlite");
    assertThat(files(base.resolve("testnet/ephemery-155")))
        .contains("testnet/ephemery-155/genesis.json", "testnet/ephemery-155/config.yaml");
    assertThat(ServiceState.healthy(runtime.status(node, plan(155)))).isTrue();
    // Every state was passed through, in order.
    assertThat(end.transitions().stream().map(t -> t.state()).toList())
        .containsSubsequence(
            ResetState.STOPPING,
            ResetState.WIPING,
            ResetState.INSTALLING,
            ResetState.INITIALISING,
            ResetState.STARTING,
            ResetState.VERIFYING,
            ResetState.DONE);

    // Timing: each round is one more reset, then the same containers' own stop + init + start
    // (the floor a reset cannot beat), both measured the same way: from the first stop to the
    // last container started as Docker records it, and to the last start call returned.
    List<Long> resetToStarted = new ArrayList<>();
    List<Long> ownToStarted = new ArrayList<>();
    List<Long> resetToVerifying = new ArrayList<>();
    List<Long> ownToReturned = new ArrayList<>();
    List<Long> ownStop = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<Long> stop = new ArrayList<>();
    List<Long> wipe = new ArrayList<>();
    List<Long> install = new ArrayList<>();
    // INITIALISING -> STARTING: on Docker a step with nothing to do, i.e. one durable journal
    // write.
    List<Long> journalWrite = new ArrayList<>();
    List<Long> start = new ArrayList<>();
    List<Long> verify = new ArrayList<>();
    // From the last stop returned to the first container (the init step) started: wipe, install,
    // journal writes and up's checks against nothing but the start itself.
    List<Long> gap = new ArrayList<>();
    List<Long> ownGap = new ArrayList<>();
    // The first reset above ran cold (class loading, JIT): it is reported, not timed.
    System.out.printf(
        "reset, first (cold JVM): STOPPING -> last container started %d ms%n",
        Duration.between(transitionAt(end, ResetState.STOPPING), started.get(3)).toMillis());
    runtime.awaitSettled(plan(155), Duration.ofSeconds(30));
    for (int round = 0; round < rounds; round++) {
      int iteration = 156 + round;
      ResetJournal timed = reset(runtime, cache, iteration);
      assertThat(timed.state()).as(timed.reason()).isEqualTo(ResetState.DONE);
      assertExported(iteration - 1, "chain-" + (iteration - 1));
      Instant stopping = transitionAt(timed, ResetState.STOPPING);
      resetToStarted.add(Duration.between(stopping, startedAt("validator")).toMillis());
      resetToVerifying.add(between(timed, ResetState.STOPPING, ResetState.VERIFYING));
      stop.add(between(timed, ResetState.STOPPING, ResetState.WIPING));
      wipe.add(between(timed, ResetState.WIPING, ResetState.INSTALLING));
      install.add(between(timed, ResetState.INSTALLING, ResetState.INITIALISING));
      journalWrite.add(between(timed, ResetState.INITIALISING, ResetState.STARTING));
      start.add(between(timed, ResetState.STARTING, ResetState.VERIFYING));
      verify.add(between(timed, ResetState.VERIFYING, ResetState.DONE));
      gap.add(
          Duration.between(transitionAt(timed, ResetState.WIPING), startedAt("geth-init"))
              .toMillis());

      Instant t0 = Instant.now();
      long n0 = System.nanoTime();
      for (String service : List.of("validator", "consensus", "execution")) {
        docker.stopContainerCmd(node + "-" + service).withTimeout(30).exec();
      }
      ownStop.add((System.nanoTime() - n0) / 1_000_000);
      Instant stopped = Instant.now();
      docker.startContainerCmd(node + "-geth-init").exec();
      docker.waitContainerCmd(node + "-geth-init").start().awaitStatusCode(60, TimeUnit.SECONDS);
      for (String service : List.of("execution", "consensus", "validator")) {
        docker.startContainerCmd(node + "-" + service).exec();
      }
      ownToReturned.add((System.nanoTime() - n0) / 1_000_000);
      ownToStarted.add(Duration.between(t0, startedAt("validator")).toMillis());
      ownGap.add(Duration.between(stopped, startedAt("geth-init")).toMillis());
      ratios.add(resetToStarted.get(round) / (double) ownToStarted.get(round));
      // The next reset stops containers that have settled, as the reset left them for this one.
      runtime.awaitSettled(plan(iteration), Duration.ofSeconds(30));
    }
    long toStarted = median(resetToStarted);
    long own = median(ownToStarted);
    long toVerifying = median(resetToVerifying);
    long ownReturned = median(ownToReturned);
    System.out.printf(
        "reset rounds: %d; STOPPING -> last container started %s ms, own stop+init+start %s ms;"
            + " stop %s ms, own stop %s ms; wipe %s, install %s, start %s ms; last stop -> first"
            + " container started %s ms, own %s ms (medians %d / %d); one journal write %s ms%n",
        rounds,
        resetToStarted,
        ownToStarted,
        stop,
        ownStop,
        wipe,
        install,
        start,
        gap,
        ownGap,
        median(gap),
        median(ownGap),
        journalWrite);
    List<Double> sortedRatios = ratios.stream().sorted().toList();
    System.out.printf(
        "reset STOPPING -> last container started (Docker StartedAt), median of %d rounds: %d ms;"
            + " the same containers' own stop+init+start, same rounds: %d ms; ratio %.2f, median"
            + " of the rounds' ratios %.2f (goal <= 1.05)%n",
        rounds,
        toStarted,
        own,
        toStarted / (double) own,
        sortedRatios.get(sortedRatios.size() / 2));
    System.out.printf(
        "reset critical path (STOPPING -> VERIFYING, median of %d): %d ms; own stop+init+start"
            + " (to the last start call returned): %d ms; ratio %.2f (goal <= 1.05); VERIFYING"
            + " (containers stay up 2 s) %d ms; stop %d ms, wipe %d ms, install %d ms, start %d"
            + " ms%n",
        rounds,
        toVerifying,
        ownReturned,
        toVerifying / (double) ownReturned,
        median(verify),
        median(stop),
        median(wipe),
        median(install),
        median(start));
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static Instant transitionAt(ResetJournal journal, ResetState state) {
    return journal.transitions().stream()
        .filter(t -> t.state() == state)
        .map(ResetJournal.Transition::at)
        .findFirst()
        .orElseThrow();
  }

  static long between(ResetJournal journal, ResetState from, ResetState to) {
    return Duration.between(transitionAt(journal, from), transitionAt(journal, to)).toMillis();
  }

  static void waitForLines(Path file, int lines) throws Exception {
    await("the stand-ins to write " + lines + " lines to " + file)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.exists(file) && Files.readAllLines(file).size() >= lines);
  }
}
