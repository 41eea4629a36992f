package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.runtime.HostTarget;
import org.junit.jupiter.api.Test;

/**
 * Hosts on the local daemon share one docker-java client while any of them is open (one JSON mapper
 * to warm up, not one per host); the last to close closes it.
 */
class SharedDockerConnectionIT {

  @Test
  void localHostsShareOneClientUntilTheLastCloses() {
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    DockerConnection a = DockerConnection.open(HostTarget.local("shared-a"));
    DockerConnection b = DockerConnection.open(HostTarget.local("shared-b"));
    assertThat(b.client()).isSameAs(a.client());
    assertThat(b.target().name()).isEqualTo("shared-b");

    a.close();
    a.close(); // a second close of the same connection changes nothing
    b.client().pingCmd().exec(); // still open: b uses it

    DockerConnection c = DockerConnection.open(HostTarget.local("shared-c"));
    assertThat(c.client()).isSameAs(b.client());
    b.close();
    c.client().pingCmd().exec();
    c.close();

    DockerConnection d = DockerConnection.open(HostTarget.local("shared-d"));
    assertThat(d.client()).as("a new client once all had closed").isNotSameAs(c.client());
    d.client().pingCmd().exec();
    d.close();
  }
}
