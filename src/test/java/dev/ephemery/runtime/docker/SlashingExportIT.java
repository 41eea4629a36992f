package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.ephemery.client.LighthouseValidatorProfile;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.HostTarget;
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
 * The reset's EIP-3076 export on the real dockerd, as VERIFYING runs it: the validator already runs
 * on the new chain, so the export reads the slashing DB WIPING archived. The stand-in validator
 * image has a {@code lighthouse} script that, like Lighthouse's export, needs the slashing database
 * under {@code /data/validators} and the old chain's genesis.ssz under {@code /testnet}, writes an
 * interchange file built from both to the path it is given, and then writes to the database it
 * opened, as SQLite or LevelDB may on open.
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
          + " > \"$out\"\n"
          + "echo opened >> /data/validators/slashing_protection.sqlite\n";

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
    connection = DockerConnection.open(HostTarget.local(node));
    image = exporterImage(connection.client(), standin, node, base);
    // The node ran iteration 153 and runs 154 now: WIPING archived 153's slashing DB, and the
    // validator's data folder holds the new chain's DB.
    write(base.resolve("testnet/ephemery-153/.ephemery-release"), "153\n");
    write(base.resolve("testnet/ephemery-153/genesis.ssz"), "0x153root");
    write(base.resolve("testnet/ephemery-154/.ephemery-release"), "154\n");
    write(base.resolve("testnet/ephemery-154/genesis.ssz"), "0x154root");
    write(base.resolve(ARCHIVE + "validators/slashing_protection.sqlite"), "db-of-153");
    write(base.resolve("data/validator/validators/slashing_protection.sqlite"), "db-of-154");
  }

  static final String ARCHIVE = "slashing-protection/153/validator/";

  /** The stand-in image with the {@link #EXPORTER} script as {@code /bin/lighthouse}. */
  static String exporterImage(DockerClient docker, String standin, String tag, Path scratch)
      throws IOException, InterruptedException {
    Path script = Files.writeString(scratch.resolve("lighthouse"), EXPORTER);
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
          .withTag(tag)
          .exec();
    } finally {
      docker.removeContainerCmd(builder).withForce(true).exec();
      Files.delete(script);
    }
    return "ephemery-test/lighthouse-export:" + tag;
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
    return plan154(base);
  }

  /** The plan as configured with baseDir {@code configured} (the real folder or a link to it). */
  HostPlan plan154(Path configured) {
    String data = configured + "/data/validator";
    Service validator =
        Service.builder("validator", Role.VALIDATOR, "lighthouse")
            .image(image)
            .command(List.of("sleep", "3600"))
            .mounts(
                List.of(
                    new Mount(data, "/data", false),
                    new Mount(configured + "/testnet/ephemery-154", "/testnet", true)))
            .restartPolicy("unless-stopped")
            .layout(DataLayout.of(new LighthouseValidatorProfile(), data, null))
            .build();
    return new HostPlan(
        node, "local", configured.toString(), 154, node + "-net", List.of(), List.of(validator));
  }

  boolean export(HostPlan plan, Path target) {
    Component validator = NodeLayouts.of(plan).components().get(0);
    DockerRuntime runtime = new DockerRuntime(connection.client(), l -> {});
    try (DockerNodeRuntime nodeRuntime =
        new DockerNodeRuntime(connection.client(), runtime, plan, base.resolve("release"))) {
      return nodeRuntime.exportSlashingProtection(validator, target);
    }
  }

  @Test
  void exportsTheArchivedProtectionOfTheOldChainAndLeavesTheArchiveAsItWas() throws Exception {
    Path target = base.resolve(ARCHIVE + "slashing-protection-eip3076.json");

    assertThat(export(plan154(), target)).isTrue();

    JsonNode json = new ObjectMapper().readTree(target.toFile());
    assertThat(json.at("/metadata/genesis_validators_root").asText())
        .as("the old iteration's testnet folder was mounted, not the new one")
        .isEqualTo("0x153root");
    assertThat(json.at("/data/0/pubkey").asText())
        .as("the archived DB was read, not the new chain's live one")
        .isEqualTo("db-of-153");
    // The client wrote to a copy: the archive and the live DB are untouched, the copy is gone.
    assertThat(base.resolve(ARCHIVE + "validators/slashing_protection.sqlite"))
        .hasContent("db-of-153");
    assertThat(base.resolve("data/validator/validators/slashing_protection.sqlite"))
        .hasContent("db-of-154");
    assertThat(base.resolve(".ephemery/slashing-export/validator")).doesNotExist();
    assertThat(target.getParent().resolve("interchange.json")).doesNotExist();
    assertThat(
            connection
                .client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LabelKeys.NODE, node))
                .exec())
        .isEmpty();
  }

  @Test
  void aBaseDirBehindASymlinkExportsTheSame() throws Exception {
    Path link = Files.createSymbolicLink(base.resolve("link"), base);
    // The reset hands over the archive under the real baseDir.
    Path target = base.toRealPath().resolve(ARCHIVE + "slashing-protection-eip3076.json");

    assertThat(export(plan154(link), target)).isTrue();

    assertThat(new ObjectMapper().readTree(target.toFile()).at("/data/0/pubkey").asText())
        .isEqualTo("db-of-153");
    assertThat(base.resolve(".ephemery/slashing-export/validator")).doesNotExist();
  }

  @Test
  void aFailedExportKeepsNoFileAndSaysNo() throws Exception {
    Files.delete(base.resolve("testnet/ephemery-153/genesis.ssz"));
    Path target = base.resolve(ARCHIVE + "slashing-protection-eip3076.json");

    assertThat(export(plan154(), target)).isFalse();

    assertThat(target).doesNotExist();
    assertThat(target.getParent().resolve("interchange.json")).doesNotExist();
    assertThat(base.resolve(ARCHIVE + "validators/slashing_protection.sqlite"))
        .hasContent("db-of-153");
    assertThat(base.resolve(".ephemery/slashing-export/validator")).doesNotExist();
  }

  @Test
  void withoutTheOldIterationsTestnetFolderNothingIsExported() throws Exception {
    DockerRuntimeContract.deleteTree(base.resolve("testnet/ephemery-153"));
    Path target = base.resolve(ARCHIVE + "slashing-protection-eip3076.json");

    assertThat(export(plan154(), target)).isFalse();

    assertThat(target).doesNotExist();
    assertThat(base.resolve(ARCHIVE + "validators/slashing_protection.sqlite"))
        .hasContent("db-of-153");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
