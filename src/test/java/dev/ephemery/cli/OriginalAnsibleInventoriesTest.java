package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .contains("monitoring not deployed yet")
        .contains(
            "note: ephemery-node1: --txlookuplimit=0 is written as --history.transactions=0"
                + " (geth renamed --txlookuplimit to --history.transactions)")
        .doesNotContain("monitoring on");
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
   * --history.transactions=0} with a note: the original inventory imports and passes {@code check}.
   */
  private void assertThatTheImportPassesCheck(Path out) throws Exception {
    String yaml = Files.readString(out);
    assertThat(yaml).contains("\"--history.transactions=0\"").doesNotContain("\"--txlookuplimit");
    CliRun check = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(check.code()).as(check.all()).isZero();
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
    CliRun check = CliRun.of("check", "--no-probe", "-f", out.toString());
    assertThat(check.code()).as(check.all()).isZero();
  }

  @Test
  void theTestInventoryHoldsNoHostsAndSaysWhatItFound() throws Exception {
    CliRun run = importAnsible("test-inventory.yaml", dir.resolve("ephemery.yaml"));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no hosts found");
    assertThat(run.out()).contains("group local: base_dir").contains("group local: geth");
  }
}
