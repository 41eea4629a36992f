package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.plan.MonitoringPlan;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.TestKeystores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The keystores' password and key material never leave their files: not in what the read-only
 * commands print, and not in the compose export, which must mount the host's key and password paths
 * instead of copying or inlining them. Every consensus client's validator is planned, since each
 * receives its keys differently (an import step, key-folder flags, a password laid out per
 * keystore).
 */
class SecretsNeverPrintedTest {

  static final String PASSWORD = "tr0ub4dor-ephemery-secret-7";

  /** Grafana's admin password as {@code up} would have generated it on the node. */
  static final String GRAFANA_PASSWORD = "grafana-admin-planted-5f1c9e";

  @TempDir Path temp;
  Path keys;
  Path passwords;
  Path passwordFile;
  List<TestKeystores.Generated> keystores;

  @BeforeEach
  void plantKeys() throws IOException {
    PlanInputs.cacheRootOverride = temp.resolve("empty-cache");
    keys = ValidatorKeyFilesTest.privateDir(temp.resolve("keys"));
    passwords = ValidatorKeyFilesTest.privateDir(temp.resolve("passwords"));
    passwordFile = temp.resolve("password.txt");
    ValidatorKeyFilesTest.privateFile(passwordFile, PASSWORD + "\n");
    Path grafanaPassword = temp.resolve("node").resolve(MonitoringPlan.GRAFANA_PASSWORD);
    Files.createDirectories(grafanaPassword.getParent());
    ValidatorKeyFilesTest.privateFile(grafanaPassword, GRAFANA_PASSWORD + "\n");
    keystores =
        List.of(
            TestKeystores.generate(TestKeystores.Kdf.fastScrypt(), PASSWORD, 3),
            TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), PASSWORD, 4));
    for (TestKeystores.Generated keystore : keystores) {
      ValidatorKeyFilesTest.privateFile(keys.resolve(keystore.fileName()), keystore.json());
      ValidatorKeyFilesTest.privateFile(
          passwords.resolve(keystore.fileName().replace(".json", ".txt")), PASSWORD + "\n");
    }
  }

  @AfterEach
  void reset() {
    PlanInputs.cacheRootOverride = null;
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource({
    "lighthouse, passwordFile",
    "teku, passwordFile",
    "teku, passwordsDir",
    "prysm, passwordFile",
    "nimbus, passwordFile",
    "lodestar, passwordFile",
    "grandine, passwordFile",
    "grandine, passwordsDir"
  })
  void noCommandPrintsOrWritesThePasswordOrKeyMaterial(String client, String passwordKey)
      throws IOException {
    Path file = inventory(client, passwordKey);
    Path release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    Path out = temp.resolve("compose");
    String f = file.toString();
    String r = release.toString();

    CliRun compose = CliRun.of("render", "compose", "-f", f, "--release", r, "--out", f(out));
    Path monitoringOut = temp.resolve("monitoring");
    CliRun monitoring =
        CliRun.of("render", "monitoring", "-f", f, "--release", r, "--out", f(monitoringOut));
    CliRun planText = CliRun.of("plan", "-f", f, "--release", r);
    CliRun planJson = CliRun.of("plan", "-f", f, "--release", r, "--output", "json");
    // Without a node these two fail, or find nothing; whatever they print is scanned.
    CliRun history = CliRun.of("history", "-f", f);
    CliRun status = CliRun.of("status", "-f", f);

    assertThat(compose.code()).as(compose.all()).isZero();
    assertThat(monitoring.code()).as(monitoring.all()).isZero();
    assertThat(planText.code()).as(planText.all()).isZero();
    assertThat(planJson.code()).as(planJson.all()).isZero();
    // The outputs do name the keys' and passwords' paths (what is mounted), so a scan that passes
    // looked at the right text.
    Path passwordPath = passwordKey.equals("passwordFile") ? passwordFile : passwords;
    assertThat(planText.out()).contains(keys.toString()).contains(passwordPath.toString());
    String composeYaml = Files.readString(out.resolve("docker-compose.yaml"));
    assertThat(composeYaml).contains(keys.toString()).contains(passwordPath.toString());

    for (CliRun run : List.of(compose, monitoring, planText, planJson, history, status)) {
      assertNoSecret(run.all(), "output");
    }
    List<Path> written = new java.util.ArrayList<>(written(out));
    assertThat(written(monitoringOut)).as("render monitoring wrote its files").isNotEmpty();
    written.addAll(written(monitoringOut));
    assertThat(written).isNotEmpty();
    for (Path path : written) {
      assertNoSecret(new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1), path);
      assertThat(path.getFileName().toString())
          .as("no key or password file is copied into the export")
          .isNotIn(copyableNames());
    }
  }

  void assertNoSecret(String text, Object where) {
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, GRAFANA_PASSWORD));
    for (TestKeystores.Generated keystore : keystores) {
      secrets.add(keystore.cipherMessage());
      secrets.add(keystore.checksum());
      secrets.add(HexFormat.of().formatHex(keystore.secret()));
    }
    for (String secret : secrets) {
      assertThat(text.toLowerCase(java.util.Locale.ROOT))
          .as("%s carries a secret", where)
          .doesNotContain(secret.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** The names a copied keystore or password file would have. */
  List<String> copyableNames() {
    List<String> names = new ArrayList<>(List.of(passwordFile.getFileName().toString()));
    for (TestKeystores.Generated keystore : keystores) {
      names.add(keystore.fileName());
      names.add(keystore.fileName().replace(".json", ".txt"));
    }
    return names;
  }

  static List<Path> written(Path out) throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  Path inventory(String client, String passwordKey) throws IOException {
    Path passwordPath = passwordKey.equals("passwordFile") ? passwordFile : passwords;
    Path file = temp.resolve("ephemery.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: node1
            address: local
            baseDir: %s
            execution: { client: geth }
            consensus: { client: %s }
            validator:
              enabled: true
              keysDir: %s
              %s: %s
              feeRecipient: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
              graffiti: "ephemery test"
        """
            .formatted(temp.resolve("node"), client, keys, passwordKey, passwordPath));
    return file;
  }

  private static String f(Path path) {
    return path.toString();
  }
}
