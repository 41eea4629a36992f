package dev.ephemery.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Address;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RuntimesTest {

  @Test
  void localAndSshHostsRunOnDocker() {
    assertThat(Runtimes.adapterFor(new Address.Local())).isEqualTo(Runtimes.Adapter.DOCKER);
    assertThat(Runtimes.adapterFor(new Address.Ssh("ops", "node1.example.org", 22)))
        .isEqualTo(Runtimes.Adapter.DOCKER);
  }

  @Test
  void everyKindOfAddressIsCoveredHere() {
    // A new kind of address (a cluster) must get its adapter in Runtimes.adapterFor and a case
    // above; this fails first, naming the kinds there are.
    assertThat(
            Arrays.stream(Address.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .toList())
        .containsExactlyInAnyOrder("Local", "Ssh", "Kubernetes");
  }

  @Test
  void kubernetesHostsRunOnTheKubernetesAdapter() {
    assertThat(Runtimes.adapterFor(new Address.Kubernetes("prod", "ephemery")))
        .isEqualTo(Runtimes.Adapter.KUBERNETES);
  }
}
