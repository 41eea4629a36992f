package dev.ephemery.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.testing.Fixtures;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Which hosts the supervisor watches a checkpoint server for. */
class SupervisorCheckpointWatchTest {

  @Test
  void autoNamesNoServerToWatchSoNoFalseStaleAlertIsRaised() {
    Host auto =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).checkpoint("auto").build();

    assertThat(SupervisorDaemon.checkpointWatch(auto, null, Clock.systemUTC())).isEmpty();
  }

  @Test
  void aHostWithoutACheckpointServerHasNoWatch() {
    Host none =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).checkpoint(null).build();

    assertThat(SupervisorDaemon.checkpointWatch(none, null, Clock.systemUTC())).isEmpty();
  }
}
