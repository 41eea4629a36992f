package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Direct probes only where the node's network is on this machine: its bridge is ours. */
class DirectProbesTest {

  @Test
  void aBridgeNetworkHangsOffItsNamedBridgeOrDockersDefaultName() throws Exception {
    assertThat(DirectProbes.bridgeName(network("bridge", "0123456789abcdef", Map.of())))
        .contains("br-0123456789ab");
    assertThat(
            DirectProbes.bridgeName(
                network(
                    "bridge",
                    "0123456789abcdef",
                    Map.of("com.docker.network.bridge.name", "docker0"))))
        .contains("docker0");
    assertThat(DirectProbes.bridgeName(network("overlay", "0123456789abcdef", Map.of())))
        .as("no bridge on this machine to reach the containers through")
        .isEmpty();
  }

  @Test
  void anInterfaceIsHereOnlyWhenThisMachineHasIt() {
    assertThat(DirectProbes.isInterfaceHere("lo")).isTrue();
    assertThat(DirectProbes.isInterfaceHere("br-000000000000")).isFalse();
    assertThat(DirectProbes.isInterfaceHere("../../../etc")).as("never a path").isFalse();
  }

  private static Network network(String driver, String id, Map<String, String> options)
      throws Exception {
    String json =
        DockerConnection.mapper()
            .writeValueAsString(Map.of("Driver", driver, "Id", id, "Options", options));
    return DockerConnection.mapper().readValue(json, Network.class);
  }
}
