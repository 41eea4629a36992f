package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Interchange;
import dev.ephemery.testkit.TestKeystores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validator export-slashing} and {@code import-slashing} through the CLI, without Docker: a
 * refused file changes nothing on the node (exit 2, every problem located), and an exported file
 * passes the import's checks up to the import itself, which needs the node's plan and Docker.
 */
class ValidatorSlashingCommandTest {

  static final String RUNNING_ROOT = "0x" + "5e".repeat(32);
  static final String OTHER_ROOT = "0x" + "0a".repeat(32);
  static final String STRANGER = "0x" + "99".repeat(48);

  @TempDir Path temp;
  Path node;
  Path keys;
  List<String> held;

  @BeforeEach
  void setUp() throws IOException {
    PlanInputs.cacheRootOverride = temp.resolve("empty-cache");
    node = temp.resolve("node");
    keys = ValidatorKeyFilesTest.privateDir(temp.resolve("keys"));
    TestKeystores.Generated a =
        TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "pw-of-the-test", 21);
    TestKeystores.Generated b =
        TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "pw-of-the-test", 22);
    for (TestKeystores.Generated keystore : List.of(a, b)) {
      ValidatorKeyFilesTest.privateFile(keys.resolve(keystore.fileName()), keystore.json());
    }
    held = ValidatorKeyFiles.pubkeys(keys);
    Path testnet = Files.createDirectories(node.resolve("testnet/ephemery-153"));
    byte[] head = new byte[64];
    byte[] root = java.util.HexFormat.of().parseHex(RUNNING_ROOT.substring(2));
    System.arraycopy(root, 0, head, 8, 32);
    Files.write(testnet.resolve("genesis.ssz"), head);
  }

  @AfterEach
  void tearDown() {
    PlanInputs.cacheRootOverride = null;
  }

  Path inventory() throws IOException {
    Path file = temp.resolve("ephemery.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: node1
            address: local
            baseDir: %s
            execution: { client: geth }
            consensus: { client: lighthouse }
            validator:
              enabled: true
              keysDir: %s
              passwordFile: %s/password.txt
              feeRecipient: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        """
            .formatted(node, keys, temp));
    return file;
  }

  /** Every file under the node's folders with its content: what "nothing changed" compares. */
  Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (Path dir : List.of(node, keys)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted().toList()) {
          files.put(
              p.toString(),
              Files.isRegularFile(p) ? Arrays.toString(Files.readAllBytes(p)) : "<dir>");
        }
      }
    }
    return files;
  }

  CliRun importing(Path file) throws IOException {
    return CliRun.of("validator", "import-slashing", file.toString(), "-f", inventory().toString());
  }

  Path file(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void eachRefusedFileExitsTwoLocatedAndChangesNothing() throws IOException {
    Map<String, Path> refused =
        Map.of(
            "metadata.genesis_validators_root",
            file("other-chain.json", Interchange.registration(OTHER_ROOT, held)),
            "not JSON",
            file("not-json.json", "{ this is not json"),
            "metadata.interchange_format_version",
            file(
                "version-4.json",
                Interchange.registration(RUNNING_ROOT, held)
                    .replace(
                        "\"interchange_format_version\" : \"5\"",
                        "\"interchange_format_version\" : \"4\"")),
            "is not a key this node holds",
            file("stranger.json", Interchange.registration(RUNNING_ROOT, List.of(STRANGER))));
    Map<String, String> before = snapshot();
    for (Map.Entry<String, Path> bad : refused.entrySet()) {
      String text = Files.readString(bad.getValue());
      CliRun run = importing(bad.getValue());
      assertThat(run.code()).as(bad.getKey() + ": " + run.all()).isEqualTo(2);
      assertThat(run.err()).contains(bad.getValue().toString()).contains(bad.getKey());
      assertThat(run.out()).doesNotContain("importing");
      assertThat(Files.readString(bad.getValue())).isEqualTo(text);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() throws IOException {
    Path bad =
        file(
            "all-wrong.json",
            Interchange.registration(OTHER_ROOT, List.of(STRANGER))
                .replace(
                    "\"interchange_format_version\" : \"5\"",
                    "\"interchange_format_version\" : \"4\""));
    CliRun run = importing(bad);
    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err())
        .contains("metadata.interchange_format_version")
        .contains("metadata.genesis_validators_root")
        .contains("data[0].pubkey");
  }

  @Test
  void aMissingFileIsBadInput() throws IOException {
    CliRun run = importing(temp.resolve("nope.json"));
    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).contains("nope.json").contains("no such file");
  }

  @Test
  void exportWritesTheLastArchivedIterationOrTheOneAsked() throws IOException {
    Path archives = node.resolve("slashing-protection");
    for (int iteration : List.of(151, 152)) {
      Path kept =
          Files.createDirectories(archives.resolve(iteration + "/lighthouse-validator"))
              .resolve(dev.ephemery.ops.ResetMachine.EIP3076_FILE);
      Files.writeString(kept, "iteration " + iteration);
    }
    Path out = temp.resolve("out.json");
    CliRun last =
        CliRun.of(
            "validator", "export-slashing", "-f", inventory().toString(), "-o", out.toString());
    assertThat(last.code()).as(last.all()).isZero();
    assertThat(Files.readString(out)).isEqualTo("iteration 152");
    CliRun asked =
        CliRun.of(
            "validator",
            "export-slashing",
            "-f",
            inventory().toString(),
            "--iteration",
            "151",
            "-o",
            out.toString());
    assertThat(asked.code()).as(asked.all()).isZero();
    assertThat(Files.readString(out)).isEqualTo("iteration 151");
    CliRun missing =
        CliRun.of(
            "validator",
            "export-slashing",
            "-f",
            inventory().toString(),
            "--iteration",
            "150",
            "-o",
            out.toString());
    assertThat(missing.code()).as(missing.all()).isEqualTo(1);
    assertThat(missing.err()).contains("no EIP-3076 file kept for iteration 150");
  }

  @Test
  void exportWithNothingKeptExitsOne() throws IOException {
    CliRun run =
        CliRun.of(
            "validator",
            "export-slashing",
            "-f",
            inventory().toString(),
            "-o",
            temp.resolve("out.json").toString());
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("no EIP-3076 file kept yet");
    assertThat(temp.resolve("out.json")).doesNotExist();
  }

  @Test
  void anExportedFileOfTheRunningChainPassesTheChecksBeforeTheImport() throws IOException {
    // What a reset keeps when the chain did not change (same root): export, then import it back.
    Path kept =
        Files.createDirectories(node.resolve("slashing-protection/153/lighthouse-validator"))
            .resolve(dev.ephemery.ops.ResetMachine.EIP3076_FILE);
    Files.writeString(kept, Interchange.registration(RUNNING_ROOT, held));
    Path out = temp.resolve("exported.json");
    CliRun export =
        CliRun.of(
            "validator", "export-slashing", "-f", inventory().toString(), "-o", out.toString());
    assertThat(export.code()).as(export.all()).isZero();
    CliRun run = importing(out);
    assertThat(run.out()).contains(out + ": valid, 2 keys; importing with the validator stopped");
    // The import itself needs the node's plan (a cached release) and Docker: neither is here.
    assertThat(run.code()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).contains("no plan for the host").contains("run 'ephemery up' first");
    assertThat(run.out()).doesNotContain("imported;");
  }
}
