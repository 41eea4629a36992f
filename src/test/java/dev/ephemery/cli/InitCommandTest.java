package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.ClientProfiles;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.testkit.TestKeystores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InitCommandTest {

  @TempDir Path dir;

  static Stream<Arguments> everyPairAndFlavor() {
    return Stream.of(ExecutionClient.values())
        .flatMap(
            el ->
                Stream.of(ConsensusClient.values())
                    .flatMap(cl -> Stream.of(Flavor.values()).map(f -> Arguments.of(el, cl, f))));
  }

  @ParameterizedTest(name = "{0} + {1}, {2}")
  @MethodSource("everyPairAndFlavor")
  void writesAnInventoryThatCheckAccepts(ExecutionClient el, ConsensusClient cl, Flavor flavor)
      throws IOException {
    Path file = dir.resolve("ephemery.yaml");
    CliRun init =
        CliRun.of(
            "init",
            "--el",
            el.id(),
            "--cl",
            cl.id(),
            "--flavor",
            flavor.id(),
            "--validator",
            "-o",
            file.toString());
    if (flavor == Flavor.WRAPPER && !InitCommand.wrapperMissing(el, cl, true).isEmpty()) {
      // No pk910 image for some client of this stack: init refuses instead of writing what check
      // rejects.
      assertThat(init.code()).as(init.all()).isEqualTo(2);
      assertThat(init.err())
          .contains("flavor wrapper is not available for")
          .contains("--flavor upstream");
      assertThat(file).doesNotExist();
      return;
    }
    assertThat(init.code()).as(init.all()).isZero();
    assertThat(init.out()).contains("wrote " + file);

    assertThat(init.out()).contains("next: set validator.feeRecipient");

    // A validator needs what only its operator has: check names exactly those keys.
    CliRun unfinished = CliRun.of("check", "-f", file.toString());
    assertThat(unfinished.code()).as(unfinished.all()).isEqualTo(2);
    assertThat(unfinished.err())
        .contains("hosts[0].validator.feeRecipient")
        .contains("hosts[0].validator.keysDir")
        .contains("inventory INVALID: 2 problems");

    if (ClientProfiles.validator(cl).orElse(ClientProfiles.beacon(cl)).takesRemoteSigner()) {
      Files.writeString(
          file, Files.readString(file).replaceAll("# (remoteSigner|feeRecipient):", "$1:"));
    } else {
      // Lighthouse takes no signer by URL: local keys, as an operator would put them there.
      Path keys = Files.createDirectory(dir.resolve("keys"), owner("rwx------"));
      TestKeystores.Generated keystore =
          TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "init-test", 7);
      Files.writeString(
          Files.createFile(keys.resolve(keystore.fileName()), owner("rw-------")), keystore.json());
      Path password =
          Files.writeString(
              Files.createFile(dir.resolve("password.txt"), owner("rw-------")), "init-test");
      Files.writeString(
          file,
          Files.readString(file)
              .replaceAll("# keysDir: \\S+", "keysDir: " + keys)
              .replaceAll("# passwordFile: \\S+", "passwordFile: " + password)
              .replaceAll("# feeRecipient:", "feeRecipient:"));
    }
    CliRun check = CliRun.of("check", "-f", file.toString());
    assertThat(check.code()).as(check.all()).isZero();
    assertThat(check.out()).startsWith("inventory OK: 1 host from " + file);

    Host host = InventoryParser.parse(Files.readString(file), "x").hosts().get(0);
    assertThat(host.execution().client()).isEqualTo(el);
    assertThat(host.consensus().client()).isEqualTo(cl);
    assertThat(host.flavor()).isEqualTo(flavor);
    assertThat(host.validator().enabled()).isTrue();
    assertThat(host.validator().client()).isEqualTo(cl);
  }

  @Test
  void writesOneHostPerSshAddress() throws IOException {
    Path file = dir.resolve("fleet.yaml");
    CliRun init =
        CliRun.of(
            "init",
            "--host",
            "ssh://ops@node1.example.org",
            "--host",
            "ssh://ops@10.0.0.2:2222",
            "-o",
            file.toString());
    assertThat(init.code()).as(init.all()).isZero();
    Inventory inventory = InventoryParser.parse(Files.readString(file), "x");
    assertThat(inventory.hosts())
        .extracting(h -> h.name() + " " + h.address().uri() + " " + h.baseDir())
        .containsExactly(
            "node1 ssh://ops@node1.example.org /opt/ephemery",
            "node2 ssh://ops@10.0.0.2:2222 /opt/ephemery");
    assertThat(Files.readString(file))
        .contains("# sshKeyFile: ~/.ssh/id_ed25519")
        .contains("# checkpointSyncUrl: https://");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Path file = dir.resolve("ephemery.yaml");
    Files.writeString(file, "my precious inventory\n");

    CliRun refused = CliRun.of("init", "-o", file.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("already exists").contains("--force");
    assertThat(Files.readString(file)).isEqualTo("my precious inventory\n");

    CliRun forced = CliRun.of("init", "-o", file.toString(), "--force", "--el", "besu");
    assertThat(forced.code()).isZero();
    assertThat(Files.readString(file)).contains("client: besu");
  }

  @Test
  void rejectsUnknownClientsAndListsTheSupportedOnes() {
    Path file = dir.resolve("ephemery.yaml");
    CliRun run =
        CliRun.of(
            "init",
            "--el",
            "gehh",
            "--cl",
            "lodestarr",
            "--flavor",
            "docker",
            "-o",
            file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("'gehh' is not a supported execution client")
        .contains("supported: geth, nethermind, besu, erigon, reth")
        .contains("did you mean 'lodestar'?")
        .contains("'docker' is not a supported flavor")
        .doesNotContain("\tat ");
    assertThat(file).doesNotExist();
  }

  @Test
  void rejectsABadHostAddress() {
    Path file = dir.resolve("ephemery.yaml");
    CliRun run = CliRun.of("init", "--host", "ssh://node1.example.org", "-o", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--host").contains("names no user");
    assertThat(file).doesNotExist();
  }

  @Test
  void printsJsonWhenAsked() {
    Path file = dir.resolve("e.yaml");
    CliRun run = CliRun.of("init", "-o", file.toString(), "--output", "json");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("\"written\" : \"" + file + "\"");
  }

  private static java.nio.file.attribute.FileAttribute<?> owner(String mode) {
    return java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString(mode));
  }
}
