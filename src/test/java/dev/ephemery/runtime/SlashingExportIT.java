package dev.ephemery.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.DockerNodeRuntime;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reset's EIP-3076 export on the real dockerd. The stand-in validator image has a {@code
 * lighthouse} script that, like Lighthouse's export, needs the slashing database under {@code
 * /data/validators} and the old chain's genesis.ssz under {@code /testnet}, and writes an
 * interchange file built from both to the path it is given.
 */
class SlashingExportIT {

  static final String EXPORTER =
      "#!/bin/sh\n"
          + "eval out=\\${$#}\n"
          + "test -f /data/validators/slashing_protection.sqlite || exit 3\n"
          + "test -f /testnet/genesis.ssz || exit 4\n"
          + "printf '{\"metadata\":{\"interchange_format_version\":\"5\","
          + "\"genesis_validators_root\":\"%s\"},\"data\":[{\"pubkey\":\"%s\","
          + "\"signed_blocks\":[],\"signed_attestations\":[]}]}' "
          + "\"$(cat /testnet/genesis.ssz)\" \"$(cat /data/validators/slashing_protection.sqlite)\""
          + " > \"$out\"\n";

  String node;
  String image;
  Path base;
  DockerConnection connection;

  @BeforeEach
  void setUp() throws Exception {
    ItEnvironment.require("EPHEMERY_IT_DOCKER_SOCKET", "dockerd");
    String standin = ItEnvironment.standinImage();
    node = "se" + UUID.randomUUID().toString().substring(0, 8);
    base = Files.createTempDirectory("ephemery-export-it-");
    connection = DockerConnection.open(DockerTarget.local(node));
    image = "ephemery-test/lighthouse-export:" + node;
    DockerClient docker = connection.client();
    Path script = Files.writeString(base.resolve("lighthouse"), EXPORTER);
    String builder =
        docker
            .createContainerCmd(standin)
            .withCmd("sh", "-c", "cp /in/lighthouse /bin/lighthouse && chmod 755 /bin/lighthouse")
            .withHostConfig(
                com.github.dockerjava.api.model.HostConfig.newHostConfig()
                    .withBinds(
                        com.github.dockerjava.api.model.Bind.parse(script + ":/in/lighthouse:ro")))
            .exec()
            .getId();
    try {
      docker.startContainerCmd(builder).exec();
      assertThat(docker.waitContainerCmd(builder).start().awaitStatusCode()).isZero();
      docker
          .commitCmd(builder)
          .withRepository("ephemery-test/lighthouse-export")
          .withTag(node)
          .exec();
    } finally {
      docker.removeContainerCmd(builder).withForce(true).exec();
    }
    // The node ran iteration 153; the plan is the new iteration's (154), not installed yet.
    write(base.resolve("testnet/ephemery-153/.ephemery-release"), "153\n");
    write(base.resolve("testnet/ephemery-153/genesis.ssz"), "0x153root");
    write(base.resolve("data/validator/validators/slashing_protection.sqlite"), "db-of-153");
  }

  @AfterEach
  void tearDown() throws IOException {
    try {
      connection.client().removeImageCmd(image).withForce(true).exec();
    } finally {
      connection.close();
      DockerRuntimeContract.deleteTree(base);
    }
  }

  HostPlan plan154() {
    Service validator =
        new Service(
            "validator",
            Role.VALIDATOR,
            "lighthouse",
            image,
            null,
            List.of("sleep", "3600"),
            List.of(),
            List.of(
                new Mount(base + "/data/validator", "/data", false),
                new Mount(base + "/testnet/ephemery-154", "/testnet", true)),
            Map.of(),
            Map.of(),
            List.of(),
            false,
            null,
            "unless-stopped",
            null);
    return new HostPlan(
        node, "local", base.toString(), 154, node + "-net", List.of(), List.of(validator));
  }

  boolean export(HostPlan plan, Path target) {
    Component validator = NodeLayouts.of(plan).components().get(0);
    DockerRuntime runtime = new DockerRuntime(connection.client(), l -> {});
    return new DockerNodeRuntime(connection.client(), runtime, plan, base.resolve("release"))
        .exportSlashingProtection(validator, target);
  }

  @Test
  void exportsTheOldChainsProtectionIntoTheArchiveAndLeavesNoContainer() throws Exception {
    Path target =
        base.resolve("slashing-protection/153/validator/slashing-protection-eip3076.json");

    assertThat(export(plan154(), target)).isTrue();

    JsonNode json = new ObjectMapper().readTree(target.toFile());
    assertThat(json.at("/metadata/genesis_validators_root").asText())
        .as("the old iteration's testnet folder was mounted, not the new one")
        .isEqualTo("0x153root");
    assertThat(json.at("/data/0/pubkey").asText()).isEqualTo("db-of-153");
    assertThat(target.getParent().resolve("interchange.json")).doesNotExist();
    assertThat(
            connection
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.NODE, node))
                .exec())
        .isEmpty();
    assertThat(base.resolve("testnet/ephemery-154")).doesNotExist();
  }

  @Test
  void aFailedExportKeepsNoFileAndSaysNo() throws Exception {
    Files.delete(base.resolve("testnet/ephemery-153/genesis.ssz"));
    Path target =
        base.resolve("slashing-protection/153/validator/slashing-protection-eip3076.json");

    assertThat(export(plan154(), target)).isFalse();

    assertThat(target).doesNotExist();
    assertThat(target.getParent().resolve("interchange.json")).doesNotExist();
    assertThat(base.resolve("data/validator/validators/slashing_protection.sqlite")).exists();
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
