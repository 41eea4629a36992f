package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetState;
import dev.ephemery.testing.ReleaseFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetCommandTest {

  record Result(int code, String out, String err) {}

  @TempDir Path root;
  Path base;
  Path inventory;
  Path release;

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @BeforeEach
  void layOutANodeOnIteration152() throws Exception {
    base = root.resolve("node");
    inventory = root.resolve("ephemery.yaml");
    write(
        inventory,
        """
        network: ephemery
        hosts:
          - name: node1
            address: local
            baseDir: %s
            execution:
              client: geth
            consensus:
              client: lighthouse
            validator:
              enabled: true
            monitoring:
              enabled: false
        """
            .formatted(base));
    write(base.resolve("testnet/ephemery-152/retention.vars"), "export ITERATION_NUMBER=\"152\"\n");
    write(base.resolve("data/geth/geth/nodekey"), "k");
    write(base.resolve("data/geth/geth/chaindata/000001.ldb"), "x");
    write(base.resolve("data/lighthouse/beacon/network/key"), "k");
    write(base.resolve("data/lighthouse/beacon/chain_db/000001.ldb"), "x");
    write(base.resolve("data/lighthouse-vc/validators/0xaa/voting-keystore.json"), "k");
    write(base.resolve("data/lighthouse-vc/validators/slashing_protection.sqlite"), "s");
    release = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), root.resolve("release"));
  }

  @Test
  void dryRunListsExistingPathsToDeleteAndKeepAndTheStepsAndChangesNothing() throws Exception {
    List<Path> before = tree();
    Result result =
        run(
            "reset",
            "-f",
            inventory.toString(),
            "--dry-run",
            "--release",
            release.toString(),
            "--output",
            "json");
    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    Path real = base.toRealPath();
    assertThat(json.get("fromIteration").asInt()).isEqualTo(152);
    assertThat(json.get("toIteration").asInt()).isEqualTo(153);
    assertThat(json.get("due").asBoolean()).isTrue();
    assertThat(strings(json.get("delete")))
        .containsExactlyInAnyOrder(
            real.resolve("data/geth/geth/chaindata").toString(),
            real.resolve("data/lighthouse/beacon/chain_db").toString(),
            real.resolve("data/lighthouse-vc/validators/slashing_protection.sqlite").toString());
    assertThat(strings(json.get("keep")))
        .containsExactlyInAnyOrder(
            real.resolve("data/geth/geth/nodekey").toString(),
            real.resolve("data/lighthouse/beacon/network").toString(),
            real.resolve("data/lighthouse-vc/validators").toString());
    assertThat(json.get("archive").get(0).get("to").asText())
        .isEqualTo(
            real.resolve(
                    "slashing-protection/152/ephemery-node1-lighthouse-vc/validators/slashing_protection.sqlite")
                .toString());
    assertThat(strings(json.get("steps")))
        .startsWith(
            "fetch and verify release ephemery-153",
            "stage release files as " + base.resolve("testnet/ephemery-153") + ".next",
            "stop ephemery-node1-lighthouse-vc")
        .contains("genesis init of ephemery-node1-geth (ephemery-node1-geth-init)")
        .endsWith(
            "export slashing protection (EIP-3076) of ephemery-node1-lighthouse-vc from its"
                + " archived copy to "
                + base.resolve(
                    "slashing-protection/152/ephemery-node1-lighthouse-vc/"
                        + "slashing-protection-eip3076.json"),
            "verify the node runs iteration 153");
    assertThat(tree()).isEqualTo(before);
  }

  @Test
  void dryRunSaysNotDueWhenTheReleaseIsAlreadyInstalled() throws Exception {
    write(base.resolve("testnet/ephemery-153/retention.vars"), "export ITERATION_NUMBER=\"153\"\n");
    Result result =
        run("reset", "-f", inventory.toString(), "--dry-run", "--release", release.toString());
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("node1: iteration 153 -> 153 (not due: iteration 153 is installed)");
  }

  @Test
  void aResetWhileAnotherHoldsTheHostsLockFailsAndChangesNothing() throws Exception {
    try (var held = new JournalStore(base).lock("ephemery run", java.time.Instant.now())) {
      Result result =
          run("reset", "-f", inventory.toString(), "--force", "--release", release.toString());
      assertThat(result.code()).isEqualTo(1);
      assertThat(result.err())
          .contains("another reset is in progress on this host (ephemery run, pid")
          .doesNotContain("\tat ");
    }
    assertThat(base.resolve("data/geth/geth/chaindata/000001.ldb")).exists();
    assertThat(new JournalStore(base).all()).isEmpty();
  }

  @Test
  void aRemoteHostCannotTakeALocalReleaseFolder() throws Exception {
    write(
        inventory,
        Files.readString(inventory).replace("address: local", "address: ssh://ops@node1.example"));
    Result result =
        run("reset", "-f", inventory.toString(), "--force", "--release", release.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--release names a folder on this machine");
  }

  @Test
  void unknownHostIsBadInput() {
    Result result =
        run(
            "reset",
            "-f",
            inventory.toString(),
            "--dry-run",
            "--host",
            "nope",
            "--release",
            release.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("no host named 'nope'").doesNotContain("\tat ");
  }

  @Test
  void historyListsPastResetsWithTimingsAndOutcomes() throws Exception {
    JournalStore store = new JournalStore(base);
    Instant t0 = Instant.parse("2026-10-29T19:00:00Z");
    store.save(
        ResetJournal.start("node1", 151, 152, false, false, t0)
            .moveTo(ResetState.FETCHED, "", t0.plusSeconds(2))
            .moveTo(ResetState.STOPPING, "", t0.plusSeconds(3))
            .moveTo(ResetState.WIPING, "", t0.plusSeconds(20))
            .moveTo(ResetState.INSTALLING, "", t0.plusSeconds(25))
            .moveTo(ResetState.INITIALISING, "", t0.plusSeconds(26))
            .moveTo(ResetState.STARTING, "", t0.plusSeconds(30))
            .moveTo(ResetState.VERIFYING, "", t0.plusSeconds(40))
            .moveTo(ResetState.DONE, "ok", t0.plusSeconds(70)));
    Instant t1 = t0.plusSeconds(28L * 86400);
    store.save(
        ResetJournal.start("node1", 152, 153, false, true, t1)
            .moveTo(ResetState.FAILED, "bad release", t1.plusSeconds(1)));

    Result text = run("history", "-f", inventory.toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("node1: 2 resets")
        .contains("151->152")
        .contains("DONE")
        .contains("70s")
        .contains("37s")
        .contains("FAILED@DETECTED")
        .contains("forced bad release");

    Result json = run("history", "-f", inventory.toString(), "--output", "json");
    JsonNode resets = new ObjectMapper().readTree(json.out()).get("resets");
    assertThat(resets).hasSize(2);
    assertThat(resets.get(0).get("downtimeSeconds").asLong()).isEqualTo(37);
    assertThat(resets.get(1).get("state").asText()).isEqualTo("FAILED");
  }

  private List<Path> tree() throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.sorted().toList();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }
}
