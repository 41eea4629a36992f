package dev.ephemery.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.client.WipeRules;
import dev.ephemery.common.EphemeryException;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeFixture;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.TestLayouts;
import dev.ephemery.ops.WipePlan;
import dev.ephemery.plan.DataLayout;
import dev.ephemery.plan.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiperTest {

  @TempDir Path root;

  NodeLayout layout(Path baseDir, Path dataDir, WipeRules rules) {
    return layout(baseDir, dataDir, DataLayout.of(dataDir.toString(), rules));
  }

  NodeLayout layout(Path baseDir, Path dataDir, Role role, String client) {
    return layout(baseDir, dataDir, TestLayouts.of(role, client, dataDir));
  }

  NodeLayout layout(Path baseDir, Path dataDir, DataLayout rules) {
    return new NodeLayout(
        "n",
        baseDir,
        baseDir.resolve("testnet"),
        false,
        List.of(new Component("execution", Role.EXECUTION, "geth", dataDir, rules)));
  }

  @Test
  void neverFollowsASymlinkOutOfTheDataFolder() throws Exception {
    Path base = root.resolve("node");
    Path outside = root.resolve("precious");
    NodeFixture.write(outside.resolve("keep-me"), "x");
    Path data = base.resolve("data/execution");
    NodeFixture.write(data.resolve("geth/chaindata/1.ldb"), "x");
    Files.createSymbolicLink(data.resolve("geth/escape"), outside);

    new Wiper(layout(base, data, Role.EXECUTION, "geth")).execute("153", FaultInjector.NONE);

    assertThat(outside.resolve("keep-me")).exists();
    assertThat(data.resolve("geth/escape")).doesNotExist();
    assertThat(data.resolve("geth/chaindata")).doesNotExist();
  }

  @Test
  void refusesToDescendIntoAFolderThatIsASymlink() throws Exception {
    Path base = root.resolve("node");
    Path outside = root.resolve("elsewhere");
    NodeFixture.write(outside.resolve("chaindata/1.ldb"), "x");
    Path data = base.resolve("data/execution");
    Files.createDirectories(data);
    Files.createSymbolicLink(data.resolve("geth"), outside);

    WipePlan plan =
        new Wiper(layout(base, data, Role.EXECUTION, "geth")).execute("153", FaultInjector.NONE);

    assertThat(plan.refused()).anyMatch(r -> r.contains("symlink"));
    assertThat(outside.resolve("chaindata/1.ldb")).exists();
  }

  @Test
  void refusesADataFolderOutsideBaseDir() throws Exception {
    Path base = Files.createDirectories(root.resolve("node"));
    assertThatThrownBy(
            () -> new Wiper(layout(base, root.resolve("other"), WipeRules.NONE)).plan("153"))
        .isInstanceOf(EphemeryException.class)
        .hasMessageContaining("outside the host's baseDir");
  }

  @Test
  void refusesRulePathsWithDotDot() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/execution");
    Files.createDirectories(data);
    WipeRules escaping = new WipeRules(List.of(), List.of("../../x"), List.of(), false);
    assertThatThrownBy(() -> new Wiper(layout(base, data, escaping)).plan("153"))
        .isInstanceOf(EphemeryException.class)
        .hasMessageContaining("..");
  }

  @Test
  void keepWinsOverAWipeThatContainsIt() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/execution");
    NodeFixture.write(data.resolve("nodekey"), "id");
    NodeFixture.write(data.resolve("chaindata/1"), "x");
    WipePlan plan = new Wiper(layout(base, data, Role.EXECUTION, "erigon")).plan("153");
    assertThat(plan.delete()).containsExactly(data.resolve("chaindata").toRealPath());
    assertThat(plan.keep()).containsExactly(data.resolve("nodekey").toRealPath());
  }

  @Test
  void aPrysmResetDeletesTheOldChainsBlobsAndDataColumnsButNotItsPeerId() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/consensus");
    NodeFixture.write(data.resolve("network-keys"), "id");
    NodeFixture.write(data.resolve("beaconchaindata/beaconchain.db"), "x");
    NodeFixture.write(data.resolve("blobs/0x01/0.ssz"), "x");
    NodeFixture.write(data.resolve("data-columns/0x01/0.sszs"), "x");

    new Wiper(layout(base, data, Role.CONSENSUS, "prysm")).execute("153", FaultInjector.NONE);

    assertThat(data.resolve("network-keys")).exists();
    assertThat(data.resolve("beaconchaindata")).doesNotExist();
    assertThat(data.resolve("blobs")).doesNotExist();
    assertThat(data.resolve("data-columns")).doesNotExist();
  }

  @Test
  void aNimbusResetKeepsItsNetworkKey() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/consensus");
    NodeFixture.write(data.resolve("netkey"), "{}");
    NodeFixture.write(data.resolve("db/nbc.sqlite3"), "x");

    new Wiper(layout(base, data, Role.CONSENSUS, "nimbus")).execute("153", FaultInjector.NONE);

    assertThat(data.resolve("netkey")).hasContent("{}");
    assertThat(data.resolve("db")).doesNotExist();
  }

  @Test
  void confinedDeleteRefusesBaseDirItselfAndAnythingOutside() throws Exception {
    Path base = Files.createDirectories(root.resolve("node"));
    ConfinedPaths paths = new ConfinedPaths(base);
    assertThatThrownBy(() -> paths.delete(paths.base())).isInstanceOf(EphemeryException.class);
    assertThatThrownBy(() -> paths.delete(root.resolve("x"))).isInstanceOf(EphemeryException.class);
  }

  NodeLayout lighthouseVc(Path base) {
    return new NodeLayout(
        "n",
        base,
        base.resolve("testnet"),
        false,
        List.of(
            new Component(
                "validator",
                Role.VALIDATOR,
                "lighthouse",
                base.resolve("data/validator"),
                TestLayouts.of(Role.VALIDATOR, "lighthouse", base.resolve("data/validator")))));
  }

  /** A slashing DB with its SQLite side files, as lighthouse leaves it when stopped uncleanly. */
  static void slashingDbWithSideFiles(Path data) {
    NodeFixture.write(data.resolve("validators/slashing_protection.sqlite"), "db");
    NodeFixture.write(data.resolve("validators/slashing_protection.sqlite-wal"), "wal");
    NodeFixture.write(data.resolve("validators/slashing_protection.sqlite-shm"), "shm");
    NodeFixture.write(data.resolve("validators/slashing_protection.sqlite-journal"), "journal");
    NodeFixture.write(data.resolve("validators/validator_definitions.yml"), "keys");
  }

  @Test
  void archivesTheSlashingDbsSqliteSideFilesWithItAndDeletesThem() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/validator");
    slashingDbWithSideFiles(data);

    new Wiper(lighthouseVc(base)).execute("153", FaultInjector.NONE);

    Path archive = base.resolve("slashing-protection/153/validator/validators");
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      assertThat(archive.resolve("slashing_protection.sqlite" + suffix)).exists();
      assertThat(data.resolve("validators/slashing_protection.sqlite" + suffix)).doesNotExist();
    }
    assertThat(archive.resolve("slashing_protection.sqlite-wal")).hasContent("wal");
    assertThat(data.resolve("validators/validator_definitions.yml")).hasContent("keys");
  }

  @Test
  void aRerunAfterACrashAtEveryDeletionFinishesAndLosesNoSideFile() throws Exception {
    for (int crashAfter = 1; crashAfter <= 4; crashAfter++) {
      Path base = root.resolve("node" + crashAfter);
      Path data = base.resolve("data/validator");
      slashingDbWithSideFiles(data);
      int limit = crashAfter;
      int[] deleted = {0};
      NodeLayout layout = lighthouseVc(base);
      // The wiper's own fault point is after its first deletion only: a crash after each one, by
      // hand.
      WipePlan plan = new Wiper(layout).plan("153");
      assertThat(plan.delete().get(plan.delete().size() - 1).getFileName())
          .hasToString("slashing_protection.sqlite");
      ConfinedPaths paths = new ConfinedPaths(base);
      for (WipePlan.Archive a : plan.archive()) {
        paths.copy(a.source(), a.target());
      }
      for (Path p : plan.delete()) {
        if (deleted[0]++ == limit) {
          break; // the crash
        }
        paths.delete(p);
      }

      new Wiper(layout).execute("153", FaultInjector.NONE);

      Path archive = base.resolve("slashing-protection/153/validator/validators");
      assertThat(archive.resolve("slashing_protection.sqlite")).hasContent("db");
      assertThat(archive.resolve("slashing_protection.sqlite-wal")).hasContent("wal");
      assertThat(archive.resolve("slashing_protection.sqlite-shm")).hasContent("shm");
      assertThat(archive.resolve("slashing_protection.sqlite-journal")).hasContent("journal");
      assertThat(data.resolve("validators")).isDirectoryNotContaining("glob:**/*.sqlite*");
    }
  }
}
