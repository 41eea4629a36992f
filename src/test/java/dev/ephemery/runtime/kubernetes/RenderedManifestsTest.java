package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.KubernetesSpec;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered YAML, parsed back into fabric8 objects and checked. */
class RenderedManifestsTest {

  @TempDir Path temp;
  List<HasMetadata> objects = new ArrayList<>();
  List<String> texts = new ArrayList<>();

  @BeforeEach
  void render() throws Exception {
    Host host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .address(new Address.Kubernetes("prod", "eph"))
            .build();
    host =
        new Host(
            host.name(),
            host.address(),
            host.baseDir(),
            host.flavor(),
            host.execution(),
            host.consensus(),
            host.validator(),
            host.monitoring(),
            null,
            null,
            host.supervisor(),
            new KubernetesSpec(
                "fast-ssd",
                new KubernetesSpec.Resources("2", "8Gi", null, "12Gi", "200Gi"),
                KubernetesSpec.DEFAULT.consensus(),
                KubernetesSpec.DEFAULT.validator()));
    HostPlan plan =
        new Planner()
            .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
            .hosts()
            .get(0);
    Path release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    for (Path file : KubernetesExport.write(host, plan, release, temp.resolve("out"))) {
      String text = Files.readString(file);
      texts.add(text);
      objects.add(ObjectHash.JSON.unmarshal(text, HasMetadata.class));
    }
  }

  <T> List<T> of(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void everyObjectIsTheNodesWithTheRecommendedLabels() {
    assertThat(objects).hasSizeGreaterThan(8);
    for (HasMetadata object : objects.subList(1, objects.size())) {
      assertThat(object.getMetadata().getNamespace()).isEqualTo("eph");
      assertThat(object.getMetadata().getLabels())
          .containsEntry(LabelKeys.NODE, "node1")
          .containsEntry("app.kubernetes.io/managed-by", "ephemery")
          .containsEntry("app.kubernetes.io/part-of", "ephemery")
          .containsKeys(
              "app.kubernetes.io/name", "app.kubernetes.io/instance", LabelKeys.PLAN_HASH);
    }
  }

  @Test
  void theStatefulSetRunsTheClientsWithClaimsProbesAndResources() {
    StatefulSet set = of(StatefulSet.class).get(0);
    assertThat(set.getMetadata().getName()).isEqualTo("ephemery-node1");
    var pod = set.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("release", "geth-init");
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly("execution", "consensus");
    Container el = pod.getContainers().get(0);
    assertThat(el.getResources().getRequests().get("cpu").toString()).isEqualTo("2");
    assertThat(el.getResources().getLimits().get("memory").toString()).isEqualTo("12Gi");
    assertThat(el.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8545);
    Container cl = pod.getContainers().get(1);
    assertThat(cl.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/eth/v1/node/health");
    assertThat(cl.getPorts()).extracting(p -> p.getName()).contains("cl-p2p", "cl-http");
    assertThat(pod.getHostAliases().get(0).getHostnames()).contains("ephemery-node1-geth");
    assertThat(set.getSpec().getVolumeClaimTemplates())
        .extracting(
            c ->
                c.getMetadata().getName()
                    + ":"
                    + c.getSpec().getStorageClassName()
                    + ":"
                    + c.getSpec().getResources().getRequests().get("storage"))
        .containsExactly("data-geth:fast-ssd:200Gi", "data-lighthouse:fast-ssd:50Gi");
    for (Container container : pod.getContainers()) {
      assertThat(container.getVolumeMounts())
          .filteredOn(m -> m.getName().equals(NodeVolumes.SECRETS))
          .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue())
          .extracting(m -> m.getSubPath())
          .containsExactly("jwt.hex");
    }
    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getSecret() != null && v.getName().equals(NodeVolumes.SECRETS))
        .allSatisfy(v -> assertThat(v.getSecret().getDefaultMode()).isEqualTo(0400));
  }

  @Test
  void noServiceExposesTheEngineApiAndThePolicyLetsOnlyOtherPortsIn() {
    for (Service service : of(Service.class)) {
      assertThat(service.getSpec().getPorts()).noneMatch(p -> p.getPort() == 8551);
    }
    assertThat(of(Service.class))
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("ephemery-node1-p2p", "ephemery-node1-el", "ephemery-node1-cl");
    assertThat(of(Service.class).get(0).getSpec().getClusterIP()).isEqualTo("None");
    NetworkPolicy policy = of(NetworkPolicy.class).get(0);
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress())
        .flatExtracting(r -> r.getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .contains(30303, 9000, 8545, 5052)
        .doesNotContain(8551);
  }

  @Test
  void secretsCarryNoDataAndNoSecretValueIsWritten() {
    List<Secret> secrets = of(Secret.class);
    assertThat(secrets).isNotEmpty();
    assertThat(secrets)
        .allSatisfy(
            s -> {
              assertThat(s.getData()).isNullOrEmpty();
              assertThat(s.getStringData()).isNullOrEmpty();
            });
    assertThat(texts)
        .filteredOn(t -> t.contains("kind: \"Secret\""))
        .hasSize(secrets.size())
        .allSatisfy(t -> assertThat(t).doesNotContainPattern("(?m)^(data|stringData):"));
  }

  @Test
  void theSupervisorsRoleIsScopedToItsNamespaceAndLeastPrivilege() {
    Role role = of(Role.class).get(0);
    assertThat(role.getMetadata().getNamespace()).isEqualTo("eph");
    assertThat(role.getRules())
        .flatExtracting(r -> r.getResources())
        .doesNotContain("secrets", "*");
    assertThat(role.getRules()).flatExtracting(r -> r.getVerbs()).doesNotContain("*");
  }
}
