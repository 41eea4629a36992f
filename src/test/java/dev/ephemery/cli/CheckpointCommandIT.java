package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.BeaconApiStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ephemery checkpoint} against three loopback Beacon API stand-ins: one on the current
 * iteration and finalized, one still serving the previous iteration, one stale. Both bad ones are
 * rejected with their reason and the good one is picked.
 */
class CheckpointCommandIT {

  @TempDir Path temp;
  BeaconApiStandIn good;
  BeaconApiStandIn previous;
  BeaconApiStandIn stale;
  Release release = Fixtures.release153();
  Path releaseDir;
  Path inventory;

  static final Duration ELAPSED = Duration.ofHours(10);

  @BeforeEach
  void setUp() throws Exception {
    good = BeaconApiStandIn.checkpointServer(release, "0x1000101b", ELAPSED, 2);
    previous = BeaconApiStandIn.previousIterationServer(release, "0x1000101a", ELAPSED);
    stale = BeaconApiStandIn.checkpointServer(release, "0x1000101b", ELAPSED, 40);
    CheckpointCommand.clock = Clock.fixed(release.clGenesisTime().plus(ELAPSED), ZoneOffset.UTC);
    releaseDir = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    inventory = temp.resolve("ephemery.yaml");
  }

  @AfterEach
  void tearDown() {
    CheckpointCommand.clock = Clock.systemUTC();
    good.close();
    previous.close();
    stale.close();
  }

  void writeInventory(String checkpoint) throws Exception {
    Files.writeString(
        inventory,
        "network: ephemery\nhosts:\n  - name: node1\n    address: local\n    baseDir: "
            + temp.resolve("base")
            + "\n    execution:\n      client: geth\n    consensus:\n      client: lighthouse\n"
            + (checkpoint == null ? "" : "      checkpointSyncUrl: " + checkpoint + "\n"));
  }

  @Test
  void previousIterationAndStaleAreRejectedTheGoodOneIsPicked() throws Exception {
    writeInventory(null);
    CliRun run =
        CliRun.of(
            "checkpoint",
            "-f",
            inventory.toString(),
            "--release",
            releaseDir.toString(),
            "--no-known",
            "--endpoint",
            previous.baseUri().toString(),
            "--endpoint",
            stale.baseUri().toString(),
            "--endpoint",
            good.baseUri().toString(),
            "--output",
            "json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode host = new ObjectMapper().readTree(run.out()).get(0);
    assertThat(host.get("pick").asText()).isEqualTo(good.baseUri().toString());
    assertThat(host.get("genesisSync").asBoolean()).isFalse();
    JsonNode endpoints = host.get("endpoints");
    assertThat(endpoints.get(0).get("accepted").asBoolean()).isFalse();
    assertThat(endpoints.get(0).get("reason").asText())
        .contains("serves iteration 152")
        .contains("previous");
    assertThat(endpoints.get(1).get("accepted").asBoolean()).isFalse();
    assertThat(endpoints.get(1).get("reason").asText())
        .startsWith("stale")
        .contains("40 epochs behind");
    assertThat(endpoints.get(2).get("accepted").asBoolean()).isTrue();
  }

  @Test
  void aRejectedConfiguredEndpointFailsAndNoneLeftMeansGenesisSync() throws Exception {
    writeInventory(stale.baseUri().toString());
    int closed = dev.ephemery.testkit.EthereumJsNode.freeLoopbackPort();
    CliRun run =
        CliRun.of(
            "checkpoint",
            "-f",
            inventory.toString(),
            "--release",
            releaseDir.toString(),
            "--no-known",
            "--endpoint",
            "http://127.0.0.1:" + closed);

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("no endpoint qualifies: sync from genesis")
        .contains("REJECTED configured " + stale.baseUri())
        .contains("unreachable");
  }

  @Test
  void autoNamesNoEndpointOfItsOwnTheGivenOnesAreScored() throws Exception {
    writeInventory("auto");
    CliRun run =
        CliRun.of(
            "checkpoint",
            "-f",
            inventory.toString(),
            "--release",
            releaseDir.toString(),
            "--no-known",
            "--endpoint",
            good.baseUri().toString(),
            "--output",
            "json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode host = new ObjectMapper().readTree(run.out()).get(0);
    assertThat(host.get("pick").asText()).isEqualTo(good.baseUri().toString());
    assertThat(host.get("endpoints")).hasSize(1);
    assertThat(host.get("endpoints").get(0).get("url").asText())
        .isEqualTo(good.baseUri().toString());
  }
}
