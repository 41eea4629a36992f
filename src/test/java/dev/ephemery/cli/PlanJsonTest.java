package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON shape of {@code ephemery plan --output json}: scripts and later checks rely on it. */
class PlanJsonTest {
  @TempDir Path temp;

  JsonNode plan(String... initArgs) throws Exception {
    Path file = temp.resolve("inventory.yaml");
    List<String> init = new ArrayList<>(List.of("init", "--force", "-o", file.toString()));
    init.addAll(List.of(initArgs));
    assertThat(CliRun.of(init.toArray(String[]::new)).code()).isZero();
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    CliRun run =
        CliRun.of(
            "plan", "-f", file.toString(), "--release", release.toString(), "--output", "json");
    assertThat(run.code()).as(run.err()).isZero();
    return run.json();
  }

  @Test
  void hostsHoldServicesWithTheDocumentedFields() throws Exception {
    JsonNode json = plan("--el", "geth", "--cl", "lighthouse", "--validator");
    JsonNode host = json.get("hosts").get(0);
    assertThat(host.get("name").asText()).isEqualTo("node1");
    assertThat(host.get("iteration").asInt()).isEqualTo(153);
    assertThat(host.get("network").asText()).isEqualTo("ephemery-node1");
    assertThat(host.get("resetOwner").asText()).isEqualTo("tool");
    List<String> roles = new ArrayList<>();
    for (JsonNode service : host.get("services")) {
      roles.add(service.get("role").asText());
      assertThat(service.get("name").isTextual()).isTrue();
      assertThat(service.get("client").isTextual()).isTrue();
      assertThat(service.get("image").isTextual()).isTrue();
      assertThat(service.get("entrypoint").isNull() || service.get("entrypoint").isArray())
          .isTrue();
      assertThat(service.get("command").isArray()).isTrue();
      assertThat(service.get("env").isObject()).isTrue();
      for (JsonNode port : service.get("ports")) {
        assertThat(port.get("container").isInt()).isTrue();
        assertThat(port.get("host").isNull() || port.get("host").isInt()).isTrue();
        assertThat(port.has("bind")).isTrue();
      }
      for (JsonNode mount : service.get("mounts")) {
        assertThat(mount.get("source").isTextual()).isTrue();
        assertThat(mount.get("target").isTextual()).isTrue();
      }
    }
    assertThat(roles).containsExactly("init", "execution", "consensus", "validator", "supervisor");
  }

  @Test
  void wrapperGethCommandDoesNotStartWithGethAndEntrypointIsNull() throws Exception {
    JsonNode json = plan("--el", "geth", "--cl", "lighthouse", "--flavor", "wrapper");
    JsonNode geth = json.at("/hosts/0/services/0");
    assertThat(geth.get("role").asText()).isEqualTo("execution");
    assertThat(geth.get("entrypoint").isNull()).isTrue();
    assertThat(geth.get("command").get(0).asText()).isNotEqualTo("geth");
    assertThat(json.at("/hosts/0/resetOwner").asText()).isEqualTo("wrapper");
  }

  @Test
  void engineApiPortIsUnpublishedAndP2pIsOnAllInterfaces() throws Exception {
    JsonNode geth = plan("--el", "geth", "--cl", "teku").at("/hosts/0/services/1");
    for (JsonNode port : geth.get("ports")) {
      String name = port.get("name").asText();
      if (port.get("container").asInt() == 8551) {
        assertThat(port.get("host").isNull()).isTrue();
        assertThat(port.get("bind").isNull()).isTrue();
      } else if (name.startsWith("p2p")) {
        assertThat(port.get("bind").asText()).isEqualTo("0.0.0.0");
      } else if (!port.get("host").isNull()) {
        assertThat(port.get("bind").asText()).isEqualTo("127.0.0.1");
      }
    }
  }
}
