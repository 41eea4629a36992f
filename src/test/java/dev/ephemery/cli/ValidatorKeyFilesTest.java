package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.TestKeystores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on the keystores and passwords of a validator on this machine. */
class ValidatorKeyFilesTest {

  static final String PASSWORD = "correct-horse-ephemery-42";

  @TempDir Path temp;
  Path keys;
  Path passwords;
  TestKeystores.Generated scrypt;
  TestKeystores.Generated pbkdf2;

  @BeforeEach
  void keys() throws IOException {
    PlanInputs.cacheRootOverride = temp.resolve("empty-cache");
    keys = privateDir(temp.resolve("keys"));
    passwords = privateDir(temp.resolve("passwords"));
    scrypt = TestKeystores.generate(TestKeystores.Kdf.fastScrypt(), PASSWORD, 0);
    pbkdf2 = TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), PASSWORD, 1);
    for (TestKeystores.Generated keystore : List.of(scrypt, pbkdf2)) {
      privateFile(keys.resolve(keystore.fileName()), keystore.json());
      privateFile(passwords.resolve(keystore.fileName().replace(".json", ".txt")), PASSWORD + "\n");
    }
  }

  @AfterEach
  void reset() {
    PlanInputs.cacheRootOverride = null;
  }

  Path inventory(String address, String passwordKey) throws IOException {
    Path file = temp.resolve("ephemery.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: node1
            address: %s
            baseDir: %s
            execution: { client: geth }
            consensus: { client: %s }
            validator:
              enabled: true
              keysDir: %s
              %s
              feeRecipient: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        """
            .formatted(address, temp.resolve("node"), client, keys, passwordKey));
    return file;
  }

  /** Grandine's beacon node reads the keys as root, as most clients do. */
  String client = "grandine";

  @Test
  void wellKeptKeysPass() throws IOException {
    CliRun check =
        CliRun.of(
            "check",
            "--no-probe",
            "-f",
            inventory("local", "passwordsDir: " + passwords).toString());
    assertThat(check.code()).as(check.all()).isZero();
  }

  @Test
  void keysAClientRunningAsUid1000CannotReadAreReportedWithTheChown() throws IOException {
    int uid = (Integer) Files.getAttribute(keys, "unix:uid");
    org.junit.jupiter.api.Assumptions.assumeTrue(uid != 1000, "the files must not be uid 1000's");
    client = "teku";
    CliRun check =
        CliRun.of(
            "check",
            "--no-probe",
            "-f",
            inventory("local", "passwordsDir: " + passwords).toString());
    assertThat(check.code()).isEqualTo(2);
    assertThat(check.err())
        .contains("'" + keys + "' belongs to uid " + uid)
        .contains("the validator client reads it as uid 1000: with its private mode it cannot")
        .contains("chown 1000:1000 " + keys.resolve(scrypt.fileName()))
        .contains("chown 1000:1000 " + passwords);

    client = "grandine";
    CliRun root =
        CliRun.of(
            "check",
            "--no-probe",
            "-f",
            inventory("local", "passwordsDir: " + passwords).toString());
    assertThat(root.code()).as(root.all()).isZero();
  }

  @Test
  void reportsEveryKeystoreAndPasswordProblemAtOnce() throws IOException {
    Files.delete(passwords.resolve(pbkdf2.fileName().replace(".json", ".txt")));
    Files.setPosixFilePermissions(
        keys.resolve(scrypt.fileName()), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    privateFile(keys.resolve("deposit_data-1700000000.json"), "[{\"pubkey\": \"ab\"}]");
    privateFile(
        keys.resolve("keystore-broken.json"),
        scrypt
            .json()
            .replace("\"aes-128-ctr\"", "\"aes-256-gcm\"")
            .replace("\"version\": 4", "\"version\": 3"));

    CliRun check =
        CliRun.of(
            "check",
            "--no-probe",
            "-f",
            inventory("local", "passwordsDir: " + passwords).toString());

    assertThat(check.code()).as(check.all()).isEqualTo(2);
    assertThat(check.err())
        .contains(
            "hosts[0].validator.keysDir (line 9): '"
                + keys
                + "' can be listed by other users"
                + " — chmod 700 "
                + keys)
        .contains("deposit_data-1700000000.json is not an EIP-2335 keystore: not a JSON object")
        .contains(
            "keystore-broken.json is not an EIP-2335 keystore: version is not 4 (an EIP-2335"
                + " keystore; version 3 is an execution-layer wallet); crypto.cipher.function is"
                + " not aes-128-ctr")
        .contains(
            keys.resolve(scrypt.fileName())
                + " (an encrypted validator key) is readable by other"
                + " users — chmod 600 "
                + keys.resolve(scrypt.fileName()))
        .contains(
            "hosts[0].validator.passwordsDir (line 10): keystore "
                + pbkdf2.fileName()
                + " has no password file")
        .contains("inventory INVALID: 5 problems");
    assertNoSecret(check.all());
  }

  @Test
  void aMissingOrOpenPasswordFileIsReported() throws IOException {
    Path file = temp.resolve("password.txt");
    CliRun missing =
        CliRun.of(
            "check", "--no-probe", "-f", inventory("local", "passwordFile: " + file).toString());
    assertThat(missing.err())
        .contains("hosts[0].validator.passwordFile (line 10): '" + file + "' does not exist");
    Files.writeString(file, PASSWORD);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    CliRun open =
        CliRun.of(
            "check", "--no-probe", "-f", inventory("local", "passwordFile: " + file).toString());
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err())
        .contains(file + " (the keystore password) is readable by other users — chmod 600 " + file);
    assertNoSecret(open.all());
  }

  @Test
  void anSshHostsKeysAreLeftToTheHost() throws IOException {
    Path known = temp.resolve("known_hosts");
    Files.writeString(known, "");
    Path file = inventory("ssh://ops@node1.example.org", "passwordFile: /nowhere/password.txt");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("    baseDir:", "    knownHostsFile: " + known + "\n    baseDir:"));
    CliRun check = CliRun.of("check", "--no-probe", "-f", file.toString());
    assertThat(check.code()).as(check.all()).isZero();
    assertThat(check.out()).contains("note: node1's keystores and passwords are on that host");
  }

  /** Nothing the CLI prints about an inventory with keys may carry a password or key material. */
  @Test
  void noOutputCarriesThePasswordOrKeyMaterial() throws IOException {
    Path file = inventory("local", "passwordsDir: " + passwords);
    Path release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    List<CliRun> runs = new ArrayList<>();
    runs.add(CliRun.of("check", "--no-probe", "-f", file.toString()));
    runs.add(CliRun.of("check", "--no-probe", "-f", file.toString(), "--output", "json"));
    runs.add(CliRun.of("plan", "-f", file.toString(), "--release", release.toString()));
    runs.add(
        CliRun.of(
            "plan", "-f", file.toString(), "--release", release.toString(), "--output", "json"));
    runs.add(CliRun.of("init", "--validator", "-o", temp.resolve("init.yaml").toString()));
    // No beacon node listens there: the keys are listed, then the node is found unreachable.
    runs.add(
        CliRun.of(
            "validator", "status", "-f", file.toString(), "--beacon-url", "http://127.0.0.1:1"));
    // A secret where a keystore belongs must not be echoed either.
    privateFile(keys.resolve("oops.json"), PASSWORD);
    runs.add(CliRun.of("check", "--no-probe", "-f", file.toString()));
    assertThat(runs.get(runs.size() - 1).err()).contains("oops.json is not an EIP-2335 keystore");
    for (CliRun run : runs.subList(0, 4)) {
      assertThat(run.code()).as(run.all()).isZero();
    }
    assertThat(runs.get(5).code()).as(runs.get(5).all()).isEqualTo(1);
    assertThat(runs.get(2).out()).contains(keys.toString()); // the plan does show the mounts
    for (CliRun run : runs) {
      assertNoSecret(run.all());
    }
  }

  void assertNoSecret(String output) {
    assertThat(output).doesNotContain(PASSWORD);
    for (TestKeystores.Generated keystore : List.of(scrypt, pbkdf2)) {
      assertThat(output)
          .doesNotContain(keystore.cipherMessage())
          .doesNotContain(keystore.checksum())
          .doesNotContain(java.util.HexFormat.of().formatHex(keystore.secret()));
    }
  }

  static Path privateDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }

  static void privateFile(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }
}
