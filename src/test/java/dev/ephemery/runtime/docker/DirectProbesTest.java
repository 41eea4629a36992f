package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Direct probes only where the node's network is on this machine: its gateway is ours. */
class DirectProbesTest {

  @Test
  void aGatewayOnThisMachineIsReachedAndOthersAreNot() {
    assertThat(DirectProbes.onThisMachine("127.0.0.1")).isTrue();
    // TEST-NET-1 (RFC 5737): never assigned to a machine; a lookup of the address sends nothing
    assertThat(DirectProbes.onThisMachine("192.0.2.1")).isFalse();
    assertThat(DirectProbes.onThisMachine("")).isFalse();
    assertThat(DirectProbes.onThisMachine(null)).isFalse();
  }
}
