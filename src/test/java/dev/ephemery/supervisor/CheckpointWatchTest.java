package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.health.probe.CheckpointProber;
import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.BeaconApiStandIn;
import dev.ephemery.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor scores its node's checkpoint server with the real prober against a stand-in beacon
 * API on loopback, and serves the verdict in /metrics.
 */
class CheckpointWatchTest {

  static final Release RELEASE = Fixtures.release153();
  static final long GENESIS = RELEASE.clGenesisTime().getEpochSecond();

  @TempDir Path dir;

  final MutableClock clock =
      new MutableClock(
          RELEASE.clGenesisTime().plusSeconds(100 * CheckpointScoring.EPOCH_SECONDS + 5));
  final CheckpointProber prober = new CheckpointProber(Duration.ofSeconds(2));

  CheckpointWatch watch(BeaconApiStandIn server, AtomicReference<Release> installed) {
    return new CheckpointWatch(
        server.baseUri() + "/",
        u -> prober.askOne(u, "configured"),
        () -> Optional.ofNullable(installed.get()),
        clock);
  }

  @Test
  void aServerOnTheRunningIterationFinalizingNormallyIsOkWithItsLag() {
    try (BeaconApiStandIn server = BeaconApiStandIn.start()) {
      server
          .genesis(GENESIS, RELEASE.genesisValidatorsRoot(), BeaconApiStandIn.DEFAULT_FORK_VERSION)
          .finalizedEpoch(98);
      CheckpointWatch.Reading r =
          watch(server, new AtomicReference<>(RELEASE)).check().orElseThrow();
      assertThat(r.ok()).as(r.reason()).isTrue();
      assertThat(r.lagEpochs()).isEqualTo(2);
      assertThat(r.label()).isEqualTo(server.baseUri() + "/");
      assertThat(r.at()).isEqualTo(clock.instant());
    }
  }

  @Test
  void aStaleServerIsNotOkAndItsLagSaysHowStale() {
    try (BeaconApiStandIn server = BeaconApiStandIn.start()) {
      server
          .genesis(GENESIS, RELEASE.genesisValidatorsRoot(), BeaconApiStandIn.DEFAULT_FORK_VERSION)
          .finalizedEpoch(100 - CheckpointScoring.STALE_EPOCHS - 1);
      CheckpointWatch.Reading r =
          watch(server, new AtomicReference<>(RELEASE)).check().orElseThrow();
      assertThat(r.ok()).isFalse();
      assertThat(r.lagEpochs()).isEqualTo(CheckpointScoring.STALE_EPOCHS + 1);
      assertThat(r.reason()).startsWith("stale:");
    }
  }

  @Test
  void anotherChainOrNoAnswerIsNotOkAndHasNoLag() {
    try (BeaconApiStandIn server = BeaconApiStandIn.start()) {
      server
          .genesis(
              GENESIS - 28 * 86400,
              RELEASE.genesisValidatorsRoot(),
              BeaconApiStandIn.DEFAULT_FORK_VERSION)
          .finalizedEpoch(100);
      CheckpointWatch watch = watch(server, new AtomicReference<>(RELEASE));
      CheckpointWatch.Reading other = watch.check().orElseThrow();
      assertThat(other.ok()).isFalse();
      assertThat(other.lagEpochs()).isNull();
      assertThat(other.reason()).contains("iteration 152");

      server.respond(BeaconApiStandIn.GENESIS, 503, "{\"code\":503,\"message\":\"down\"}");
      CheckpointWatch.Reading down = watch.check().orElseThrow();
      assertThat(down.ok()).isFalse();
      assertThat(down.lagEpochs()).isNull();
      assertThat(down.reason()).startsWith("unreachable:").contains("HTTP 503");
    }
  }

  @Test
  void nothingIsAskedWhileTheRunningReleaseIsUnknown() {
    try (BeaconApiStandIn server = BeaconApiStandIn.start()) {
      server
          .genesis(GENESIS, RELEASE.genesisValidatorsRoot(), BeaconApiStandIn.DEFAULT_FORK_VERSION)
          .finalizedEpoch(99);
      AtomicReference<Release> installed = new AtomicReference<>();
      CheckpointWatch watch = watch(server, installed);
      assertThat(watch.check()).isEmpty();
      assertThat(server.requests()).isEmpty();

      installed.set(RELEASE);
      assertThat(watch.check()).hasValueSatisfying(r -> assertThat(r.ok()).isTrue());
      int asked = server.requests().size();
      installed.set(null);
      // The last verdict stays; the server is not asked again.
      assertThat(watch.check()).hasValueSatisfying(r -> assertThat(r.ok()).isTrue());
      assertThat(server.requests()).hasSize(asked);
    }
  }

  @Test
  void theLabelDropsUserInfoQueryAndFragmentThatMayHoldATokenAndIsEscaped() {
    assertThat(CheckpointWatch.label("https://ops:s3cret@cp.example.org:8443/api?token=abc#x"))
        .isEqualTo("https://cp.example.org:8443/api");
    assertThat(CheckpointWatch.label("http://cp.example.org/a\"b\\c"))
        .isEqualTo("http://cp.example.org/a\\\"b\\\\c");
  }

  @Test
  void metricsDeclareTheFamiliesAlwaysAndServeTheLastVerdict() throws Exception {
    Supervisor supervisor = IdleSupervisor.of(clock, Optional::empty, dir);
    try (StatusServer server =
        new StatusServer(new InetSocketAddress("127.0.0.1", 0), supervisor, Map::of, null, clock)) {
      String none = server.metrics();
      assertThat(none)
          .contains("# TYPE ephemery_checkpoint_ok gauge")
          .contains("# TYPE ephemery_checkpoint_finalized_epoch_lag gauge")
          .doesNotContain("ephemery_checkpoint_ok{");

      CheckpointWatch.Reading stale =
          new CheckpointWatch.Reading(
              "https://cp.example.org", false, 12L, "stale", clock.instant());
      server.checkpoint(() -> Optional.of(stale));
      assertThat(server.metrics())
          .contains("ephemery_checkpoint_ok{url=\"https://cp.example.org\"} 0\n")
          .contains("ephemery_checkpoint_finalized_epoch_lag{url=\"https://cp.example.org\"} 12\n")
          .contains(
              "ephemery_checkpoint_probe_timestamp_seconds{url=\"https://cp.example.org\"} "
                  + clock.instant().getEpochSecond()
                  + "\n");

      server.checkpoint(
          () ->
              Optional.of(
                  new CheckpointWatch.Reading(
                      "https://cp.example.org", false, null, "unreachable", clock.instant())));
      assertThat(server.metrics())
          .contains(
              "ephemery_checkpoint_finalized_epoch_lag{url=\"https://cp.example.org\"} NaN\n");
    }
  }

  @Test
  void theSupervisorKnowsTheRunningReleaseOnceItSawIt() {
    Supervisor supervisor = IdleSupervisor.of(clock, () -> Optional.of(RELEASE), dir);
    assertThat(supervisor.installedRelease()).isEmpty();
    supervisor.tick();
    assertThat(supervisor.installedRelease()).contains(RELEASE);
  }
}
