package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testkit.TestKeystores;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import ansible}, then {@code check}, on the inventory files of the earlier Ansible
 * deployment (src/test/resources/ansible/README.md says where each comes from).
 */
class OriginalAnsibleInventoriesTest {
  @TempDir Path dir;

  static Path original(String name) throws URISyntaxException {
    return Path.of(OriginalAnsibleInventoriesTest.class.getResource("/ansible/" + name).toURI());
  }

  CliRun importAnsible(String name, Path out) throws URISyntaxException {
    return CliRun.of("import", "ansible", original(name).toString(), "-o", out.toString());
  }

  @Test
  void productionShowsErrorsUnmappedKeysAndNotesInOneRun() throws Exception {
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = importAnsible("production-inventory.yaml", out);

    assertThat(run.code()).as(run.all()).isEqualTo(2);
    assertThat(out).doesNotExist();
    assertThat(run.err())
        .contains("ephemery.hosts.ephemery-node1.checkpoint_sync_url")
        .contains("holesky");
    assertThat(run.out())
        .contains("not mapped (")
        .contains("grafana_admin_password (not carried over: a password does not belong")
        .contains("ansible_ssh_common_args (not carried over: ephemery checks host keys strictly")
        .contains("'ephemery hosts trust NAME'")
        .contains(
            "note: ephemery-node1: ansible_host is empty, so the address assumes the inventory"
                + " name is the machine's DNS name: ssh://root@ephemery-node1")
        .contains("--suggested-fee-recipient=0x0000000000000000000000000000000000000000 is taken")
        .doesNotContain("validator_extra_opts (")
        .doesNotContain("validator_fee_recipient (");
  }

  @Test
  void productionOnceItsCheckpointUrlIsFixedImportsAndTunesGeth() throws Exception {
    Path fixed = dir.resolve("production.yaml");
    Files.writeString(
        fixed,
        Files.readString(original("production-inventory.yaml"))
            .replace(
                "https://checkpoint-sync.holesky.ethpandaops.io",
                "https://checkpoint-sync.ephemery.ethpandaops.io"));
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = CliRun.of("import", "ansible", fixed.toString(), "-o", out.toString());
    assertThat(run.code()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("ephemery-node1: ssh://root@ephemery-node1, geth + lighthouse")
        .contains("monitoring on (Grafana 127.0.0.1:")
        .contains(
            "note: ephemery-node1: --txlookuplimit=0 is written as --history.transactions=0"
                + " (geth renamed --txlookuplimit to --history.transactions)");
    assertThatTheImportPassesCheck(out);
  }

  @Test
  void localImportsAndPassesCheck() throws Exception {
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = importAnsible("local-inventory.yaml", out);
    assertThat(run.code()).as(run.all()).isZero();
    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains("feeRecipient: \"0x0000000000000000000000000000000000000000\"")
        .contains("\"--syncmode=snap\"");
    assertThatTheImportPassesCheck(out);
  }

  /**
   * geth's tuning ({@code --syncmode=snap --cache=4096 --maxpeers=100}) and lighthouse's pass, and
   * {@code --txlookuplimit=0}, an option geth renamed, was written as {@code
   * --history.transactions=0} with a note. The validator's keys were files on the Ansible control
   * machine: {@code check} names exactly that, and with keys on this machine the inventory passes.
   */
  private void assertThatTheImportPassesCheck(Path out) throws Exception {
    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains("\"--history.transactions=0\"")
        .doesNotContain("\"--txlookuplimit")
        .contains("validator_keys_src (not carried over: a folder on the Ansible control machine");
    CliRun check = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(check.code()).as(check.all()).isEqualTo(2);
    assertThat(check.err())
        .contains("validator.keysDir (line ")
        .contains("the validator has no keys to sign with")
        .contains("1 problem in");
    withKeys(out, "enabled: true                        # run a validator client");
    CliRun again = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(again.code()).as(again.all()).isZero();
  }

  /**
   * Gives the validator that {@code marker} starts real test keystores on this machine, its
   * password file and, where it has none, a fee recipient.
   */
  private void withKeys(Path inventory, String marker) throws Exception {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
    TestKeystores.Generated keystore =
        TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "ephemery-test", 3);
    Path file = Files.writeString(keys.resolve(keystore.fileName()), keystore.json());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Path password = Files.writeString(dir.resolve("password.txt"), keystore.password());
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    String text = Files.readString(inventory);
    int at = text.indexOf(marker);
    assertThat(at).as("the validator section").isPositive();
    String indent = "\n" + " ".repeat(at - text.lastIndexOf('\n', at) - 1);
    String added =
        "keysDir: "
            + keys
            + indent
            + "passwordFile: "
            + password
            + indent
            + (text.indexOf("feeRecipient", at) < 0
                    || text.indexOf("feeRecipient", at) > text.indexOf("monitoring:", at)
                ? "feeRecipient: \"0x52908400098527886e0f7030069857d2e4169ee7\"" + indent
                : "");
    Files.writeString(inventory, text.substring(0, at) + added + text.substring(at));
  }

  @Test
  void exampleSkipsTheMonitoringOnlyHostAndPassesCheck() throws Exception {
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = importAnsible("example-inventory.yaml", out);
    assertThat(run.code()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("ephemery-node1: ssh://root@192.168.1.101, geth + lighthouse")
        .contains("ephemery-node2: ssh://root@192.168.1.102, nethermind + teku")
        .contains("ephemery-node3: ssh://root@192.168.1.103, reth + prysm, validator prysm")
        .contains("note: host 'ephemery-monitor' is skipped: it is listed only under monitoring")
        .doesNotContain("ephemery-monitor: ssh")
        .doesNotContain("prometheus_enabled");
    // ephemery-node3 runs prysm's validator, with neither keys nor a fee recipient in Ansible.
    CliRun check = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(check.code()).as(check.all()).isEqualTo(2);
    assertThat(check.err())
        .contains("hosts[2].validator.feeRecipient")
        .contains("hosts[2].validator.keysDir")
        .contains("2 problems in");
    String yaml = Files.readString(out);
    withKeys(
        out,
        yaml.substring(yaml.indexOf("name: ephemery-node3"))
            .lines()
            .filter(l -> l.contains("enabled: true"))
            .findFirst()
            .orElseThrow()
            .strip());
    CliRun again = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(again.code()).as(again.all()).isZero();
  }

  @Test
  void theTestInventoryHoldsNoHostsAndSaysWhatItFound() throws Exception {
    CliRun run = importAnsible("test-inventory.yaml", dir.resolve("ephemery.yaml"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no hosts found");
    assertThat(run.out()).contains("group local: base_dir").contains("group local: geth");
  }
}
