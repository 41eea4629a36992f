package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlanOptions;
import dev.ephemery.plan.Planner;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.testing.Fixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator's keystores and password file become Secrets at up, mounted read-only; their
 * content is in the cluster only: never in the rendered files, the report or the progress lines.
 */
class InputSecretsTest {

  static final String NS = "ephemery";
  static final String KEY_MARKER = "PLANTED-KEYSTORE-3f9c1e";
  static final String PASSWORD_MARKER = "PLANTED-PASSWORD-77a0b2";

  @TempDir Path temp;
  MockCluster cluster;
  Host host;
  HostPlan plan;
  Path release;
  List<String> progress = new ArrayList<>();

  @BeforeEach
  void plantKeys() throws Exception {
    cluster = new MockCluster();
    Path keys = Files.createDirectories(temp.resolve("keys"));
    Files.writeString(
        keys.resolve("keystore-m_12381_3600_0_0_0.json"), "{\"x\":\"" + KEY_MARKER + "\"}");
    Path password = temp.resolve("password.txt");
    Files.writeString(password, PASSWORD_MARKER);
    host =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .address(new Address.Kubernetes("test", NS))
            .validator(
                new ValidatorSpec(
                    true,
                    ConsensusClient.LIGHTHOUSE,
                    null,
                    List.of(),
                    keys.toString(),
                    null,
                    null,
                    password.toString(),
                    null,
                    null,
                    true))
            .build();
    plan =
        new Planner()
            .plan(Fixtures.inventory(host), Fixtures.release153(), new PlanOptions(null))
            .hosts()
            .get(0);
    release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  UpReport up() {
    return new KubernetesHost(cluster.client, NS, host.kubernetes(), false, progress::add)
        .up(plan, new RuntimeOptions(false, release, null, Duration.ofSeconds(5)));
  }

  List<Secret> inputs() {
    return cluster.client.secrets().inNamespace(NS).list().getItems().stream()
        .filter(s -> s.getMetadata().getName().contains("-input-"))
        .toList();
  }

  static String decoded(Secret secret) {
    StringBuilder all = new StringBuilder();
    secret
        .getData()
        .values()
        .forEach(
            v -> all.append(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return all.toString();
  }

  @Test
  void upCreatesTheInputSecretsFromTheInventorysFilesMountedReadOnly() {
    UpReport first = up();

    List<Secret> inputs = inputs();
    assertThat(inputs).hasSize(2);
    assertThat(inputs.stream().map(InputSecretsTest::decoded).toList())
        .anyMatch(t -> t.contains(KEY_MARKER))
        .anyMatch(t -> t.contains(PASSWORD_MARKER));
    assertThat(inputs)
        .allSatisfy(
            s ->
                assertThat(s.getMetadata().getLabels())
                    .containsEntry(KubeLabels.MANAGED_BY, "ephemery")
                    .containsEntry("ephemery.node", "node1"));
    StatefulSet set =
        cluster.client.apps().statefulSets().inNamespace(NS).withName("ephemery-node1").get();
    var pod = set.getSpec().getTemplate().getSpec();
    for (Secret input : inputs) {
      String name = input.getMetadata().getName();
      assertThat(pod.getVolumes())
          .anySatisfy(
              v -> assertThat(v.getSecret()).isNotNull().extracting("secretName").isEqualTo(name));
      assertThat(
              Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                  .flatMap(c -> c.getVolumeMounts().stream())
                  .filter(m -> m.getName().equals(name))
                  .toList())
          .isNotEmpty()
          .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
    }
    assertThat(first.changes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("secret"));
    assertThat(first.toString() + progress)
        .doesNotContain(KEY_MARKER)
        .doesNotContain(PASSWORD_MARKER);
  }

  @Test
  void aSecondUpChangesNothingAndAChangedKeystoreUpdatesTheSecret() throws Exception {
    up();
    assertThat(up().changes()).isEmpty();

    Files.writeString(temp.resolve("keys/keystore-m_12381_3600_1_0_0.json"), "{\"y\":1}");
    UpReport third = up();

    assertThat(third.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo("update"));
    assertThat(inputs().stream().mapToInt(s -> s.getData().size()).sum()).isEqualTo(3);
  }

  @Test
  void renderKubernetesHoldsNoKeyMaterialAndReferencesTheSecrets() throws Exception {
    List<Path> files = KubernetesExport.write(host, plan, release, temp.resolve("out"));

    StringBuilder all = new StringBuilder();
    for (Path file : files) {
      all.append(Files.readString(file));
    }
    assertThat(all.toString())
        .doesNotContain(KEY_MARKER)
        .doesNotContain(PASSWORD_MARKER)
        .doesNotContain(
            Base64.getEncoder().encodeToString(PASSWORD_MARKER.getBytes(StandardCharsets.UTF_8)))
        .contains("secretName: \"ephemery-node1-input-keys\"")
        .contains("secretName: \"ephemery-node1-input-password-txt\"");
  }

  @Test
  void aNestedFolderIsRefusedBeforeAnythingIsWritten() throws Exception {
    Files.createDirectories(temp.resolve("keys/nested"));

    assertThatThrownBy(this::up)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nested is a folder");
    assertThat(inputs()).isEmpty();
  }
}
