package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/** kubernetes:// addresses and the kubernetes section: parsed, or every problem located. */
class KubernetesInventoryTest {

  static final String HOST =
      """
      hosts:
        - name: node1
          address: %s
          execution: {client: geth}
          consensus: {client: lighthouse}
      %s
      """;

  @Test
  void aKubernetesHostWithResourcesAndAStorageClass() {
    Inventory inventory =
        InventoryParser.parse(
            HOST.formatted(
                "kubernetes://arn:aws:eks:eu-west-1:1:cluster/prod/ephemery",
                """
                    kubernetes:
                      storageClass: fast-ssd
                      execution: {cpuRequest: 2, memoryRequest: 8Gi, memoryLimit: 12Gi}
                """),
            "test");
    Host host = inventory.hosts().get(0);
    assertThat(host.address())
        .isEqualTo(new Address.Kubernetes("arn:aws:eks:eu-west-1:1:cluster/prod", "ephemery"));
    assertThat(host.kubernetes().storageClass()).isEqualTo("fast-ssd");
    assertThat(host.kubernetes().execution())
        .isEqualTo(new KubernetesSpec.Resources("2", "8Gi", null, "12Gi", "100Gi"));
    assertThat(host.kubernetes().consensus().storage()).isEqualTo("50Gi");
  }

  @Test
  void everyProblemAtOnceWithItsPlace() {
    assertThatThrownBy(
            () ->
                InventoryParser.parse(
                    HOST.formatted(
                        "kubernetes://ctx/Bad_NS",
                        """
                            kubernetes:
                              storageClass: Fast SSD
                              execution: {memoryRequest: 8m, cpuRequest: lots}
                              consensus: {memoryRequest: 16Gi, memoryLimit: 8Gi}
                        """),
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).problems())
                    .extracting(p -> p.where())
                    .contains(
                        "hosts[0].address",
                        "hosts[0].kubernetes.storageClass",
                        "hosts[0].kubernetes.execution.memoryRequest",
                        "hosts[0].kubernetes.execution.cpuRequest"));
  }

  @Test
  void aRequestAboveItsLimitIsLocated() {
    assertThatThrownBy(
            () ->
                InventoryParser.parse(
                    HOST.formatted(
                        "kubernetes://ctx/ns",
                        """
                            kubernetes:
                              consensus: {memoryRequest: 16Gi, memoryLimit: 8Gi}
                        """),
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("above its limit");
  }

  @Test
  void twoNodesShareANamespaceWithTheSameBaseDirAndPorts() {
    Inventory inventory =
        InventoryParser.parse(
            """
            hosts:
              - name: node1
                address: kubernetes://ctx/ns
                execution: {client: geth}
                consensus: {client: lighthouse}
              - name: node2
                address: kubernetes://ctx/ns
                execution: {client: geth}
                consensus: {client: lighthouse}
            """,
            "test");
    assertThat(inventory.hosts()).hasSize(2);
  }
}
