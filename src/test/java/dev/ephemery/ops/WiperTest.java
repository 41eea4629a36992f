package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.EphemeryException;
import dev.ephemery.plan.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiperTest {

  @TempDir Path root;

  NodeLayout layout(Path baseDir, Path dataDir, DataDirRules rules) {
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

    new Wiper(layout(base, data, ProfileRules.of(Role.EXECUTION, "geth")))
        .execute("153", FaultInjector.NONE);

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
        new Wiper(layout(base, data, ProfileRules.of(Role.EXECUTION, "geth")))
            .execute("153", FaultInjector.NONE);

    assertThat(plan.refused()).anyMatch(r -> r.contains("symlink"));
    assertThat(outside.resolve("chaindata/1.ldb")).exists();
  }

  @Test
  void refusesADataFolderOutsideBaseDir() throws Exception {
    Path base = Files.createDirectories(root.resolve("node"));
    assertThatThrownBy(
            () -> new Wiper(layout(base, root.resolve("other"), DataDirRules.NONE)).plan("153"))
        .isInstanceOf(EphemeryException.class)
        .hasMessageContaining("outside the host's baseDir");
  }

  @Test
  void refusesRulePathsWithDotDot() throws Exception {
    Path base = root.resolve("node");
    Path data = base.resolve("data/execution");
    Files.createDirectories(data);
    DataDirRules escaping = new DataDirRules(List.of(), List.of("../../x"), List.of(), false);
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
    WipePlan plan =
        new Wiper(layout(base, data, ProfileRules.of(Role.EXECUTION, "erigon"))).plan("153");
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

    new Wiper(layout(base, data, ProfileRules.of(Role.CONSENSUS, "prysm")))
        .execute("153", FaultInjector.NONE);

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

    new Wiper(layout(base, data, ProfileRules.of(Role.CONSENSUS, "nimbus")))
        .execute("153", FaultInjector.NONE);

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
}
