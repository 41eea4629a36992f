package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.health.probe.ProbingCheckpointPicker;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Labels;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.BeaconApiStandIn;
import dev.ephemery.testkit.DockerKit;
import dev.ephemery.wiring.Resets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkpointSyncUrl: auto} against three loopback Beacon API stand-ins (the endpoints scored
 * instead of the public providers): one on the current iteration and finalized, one still serving
 * the previous iteration, one stale. {@code up} (dry run, on the real dockerd) plans the good one;
 * a consensus container that exists for the iteration keeps its endpoint; {@code check} says what
 * auto would pick; a reset scores again and picks what is good then.
 */
class AutoCheckpointIT {

  @TempDir Path temp;
  BeaconApiStandIn good;
  BeaconApiStandIn previous;
  BeaconApiStandIn stale;
  Release release = Fixtures.release153();
  Path releaseDir;
  Path inventory;
  String node = "ac" + UUID.randomUUID().toString().substring(0, 8);
  DockerKit docker;
  Clock clock;
  long epochNow;

  static final Duration ELAPSED = Duration.ofHours(10);

  @BeforeEach
  void setUp() throws Exception {
    docker = DockerKit.open();
    epochNow = BeaconApiStandIn.epochAt(ELAPSED);
    good = BeaconApiStandIn.checkpointServer(release, "0x1000101b", ELAPSED, 2);
    previous = BeaconApiStandIn.previousIterationServer(release, "0x1000101a", ELAPSED);
    stale = BeaconApiStandIn.checkpointServer(release, "0x1000101b", ELAPSED, 40);
    AutoCheckpoints.endpointsOverride = List.of(url(previous), url(stale), url(good));
    clock = Clock.fixed(release.clGenesisTime().plus(ELAPSED), ZoneOffset.UTC);
    UpCommand.clock = clock;
    CheckCommand.clock = clock;
    releaseDir = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    inventory = temp.resolve("ephemery.yaml");
    Files.writeString(
        inventory,
        "network: ephemery\nhosts:\n  - name: "
            + node
            + "\n    address: local\n    baseDir: "
            + temp.resolve("base")
            + "\n    execution:\n      client: geth\n    consensus:\n      client: lighthouse\n"
            + "      checkpointSyncUrl: auto\n");
  }

  @AfterEach
  void tearDown() {
    AutoCheckpoints.endpointsOverride = null;
    UpCommand.clock = Clock.systemUTC();
    CheckCommand.clock = Clock.systemUTC();
    PlanInputs.cacheRootOverride = null;
    good.close();
    previous.close();
    stale.close();
    docker.removeLabelled();
  }

  static String url(BeaconApiStandIn server) {
    return server.baseUri().toString();
  }

  Host host() {
    return Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
        .name(node)
        .baseDir(temp.resolve("base").toString())
        .checkpoint("auto")
        .build();
  }

  CliRun upDryRun() {
    return CliRun.of(
        "up",
        "-f",
        inventory.toString(),
        "--release",
        releaseDir.toString(),
        "--dry-run",
        "--helper-image",
        docker.standinImage());
  }

  @Test
  void upPlansTheGoodEndpointAndKeepsWhatAnExistingConsensusClientHas() {
    CliRun first = upDryRun();
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err())
        .contains(node + ": checkpoint sync from " + url(good) + ": picked: use " + url(good));
    assertThat(good.requestCount(BeaconApiStandIn.GENESIS)).isEqualTo(1);
    assertThat(previous.requestCount(BeaconApiStandIn.GENESIS)).isEqualTo(1);

    // A consensus container of this iteration, created with the previous pick: it has its
    // database, so up keeps its endpoint and asks none.
    HostPlan plan = new Planner().planHost(host(), release);
    var consensus =
        plan.services().stream().filter(s -> s.role() == Role.CONSENSUS).findFirst().orElseThrow();
    Map<String, String> labels = new HashMap<>(docker.labels());
    labels.put(LabelKeys.NODE, node);
    labels.put(LabelKeys.ITERATION, "153");
    labels.put(LabelKeys.CHECKPOINT, url(stale));
    docker
        .client()
        .createContainerCmd(docker.standinImage())
        .withName(Labels.containerName(plan, consensus))
        .withLabels(labels)
        .withCmd("true")
        .exec();
    CliRun second = upDryRun();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err())
        .contains(node + ": checkpoint sync from " + url(stale) + ": kept: the consensus client");
    assertThat(good.requestCount(BeaconApiStandIn.GENESIS)).as("not asked again").isEqualTo(1);
  }

  @Test
  void checkSaysWhatAutoWouldPickOrThatNoneAnswered() throws Exception {
    Path cache = temp.resolve("cache");
    CliRun fetch =
        CliRun.of("genesis", "fetch", "--from", releaseDir.toString(), "--dest", cache.toString());
    assertThat(fetch.code()).as(fetch.err()).isZero();
    PlanInputs.cacheRootOverride = cache;

    CliRun check = CliRun.of("check", "-f", inventory.toString(), "--output", "json");
    assertThat(check.code()).as(check.err()).isZero();
    JsonNode notes = new ObjectMapper().readTree(check.out()).get("notes");
    assertThat(notes).hasSize(1);
    assertThat(notes.get(0).asText()).contains("checkpointSyncUrl auto would use " + url(good));

    good.close();
    previous.close();
    stale.close();
    CliRun none = CliRun.of("check", "-f", inventory.toString());
    assertThat(none.code()).as("lighthouse starts without it: a warning").isZero();
    assertThat(none.err())
        .contains("warning: hosts[0].consensus.checkpointSyncUrl")
        .contains("none of the 3 endpoints answered")
        .contains("sync from genesis");
  }

  @Test
  void aResetScoresAgainForItsIterationAndPicksWhatIsGoodThen() {
    ProbingCheckpointPicker picker =
        new ProbingCheckpointPicker(AutoCheckpoints.endpoints(Map.of()), Duration.ofSeconds(5));
    List<String> said = new ArrayList<>();
    assertThat(label(Resets.targetPlan(host(), release, picker, clock, said::add)))
        .isEqualTo(url(good));
    // Later the good server falls behind and the stale one catches up: the next reset's plan
    // follows what the endpoints serve then.
    good.finalizedEpoch(epochNow - 30);
    stale.finalizedEpoch(epochNow - 1);
    assertThat(label(Resets.targetPlan(host(), release, picker, clock, said::add)))
        .isEqualTo(url(stale));
    // None good: genesis sync, said so.
    stale.finalizedEpoch(epochNow - 30);
    assertThat(label(Resets.targetPlan(host(), release, picker, clock, said::add)))
        .isEqualTo("genesis");
    assertThat(said.get(2)).contains("sync from genesis").contains("no endpoint qualifies");
  }

  static String label(HostPlan plan) {
    return CheckpointChoice.labelIn(plan).orElse(null);
  }
}
