package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.PrysmChainConfig;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PlannedPath.Kind;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.ReleaseMarker;
import dev.ephemery.runtime.local.TestnetInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local probe must see what the helper's shell probe sees (mode as {@code stat -c %a}, owner as
 * uid:gid, the JWT and release checks), so that "nothing to change" means the same either way.
 */
class HostFilesLocalProbeTest {

  @TempDir Path root;
  Path base;
  Path release;

  @BeforeEach
  void setUp() throws IOException {
    base = root.resolve("base");
    release = root.resolve("release");
    Files.createDirectories(release);
    Files.writeString(release.resolve("config.yaml"), "CONFIG_NAME: ephemery\n");
  }

  HostPlan plan() {
    String b = base.toString();
    return new HostPlan(
        "n1",
        "local",
        b,
        153,
        "n1-net",
        List.of(
            new PlannedPath(b + "/data", Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/data/cl", Kind.DIRECTORY, 0700, null),
            new PlannedPath(b + "/jwt.hex", Kind.JWT_SECRET, 0600, null),
            new PlannedPath(b + "/testnet", Kind.RELEASE_FILES, 0755, null)),
        List.of());
  }

  /** The tree as up leaves it: modes, a JWT secret, the release copied with its marker. */
  void converged() throws IOException {
    Files.createDirectories(base.resolve("data/cl"));
    mode(base.resolve("data"), "rwxr-xr-x");
    mode(base.resolve("data/cl"), "rwx------");
    Files.writeString(base.resolve("jwt.hex"), "ab".repeat(32) + "\n");
    mode(base.resolve("jwt.hex"), "rw-------");
    Path testnet = Files.createDirectories(base.resolve("testnet"));
    Files.copy(release.resolve("config.yaml"), testnet.resolve("config.yaml"));
    ReleaseMarker.write(testnet, release);
    mode(testnet, "rwxr-xr-x");
  }

  static void mode(Path path, String mode) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }

  @Test
  void aConvergedTreeNeedsNoChangeSoNoHelper() throws IOException {
    converged();
    HostFiles files = new HostFiles(plan(), release);

    List<HostFiles.Observed> seen = files.probeLocal().orElseThrow();

    String owner =
        Files.getAttribute(base, "unix:uid") + ":" + Files.getAttribute(base, "unix:gid");
    assertThat(seen)
        .containsExactly(
            new HostFiles.Observed(true, "755", owner, "-"),
            new HostFiles.Observed(true, "700", owner, "-"),
            new HostFiles.Observed(true, "600", owner, "valid"),
            new HostFiles.Observed(true, "755", owner, ReleaseMarker.digest(release)));
    assertThat(files.diff(seen, files.releaseHashOrNull())).isEmpty();
  }

  @Test
  void aWrongModeAMissingFolderOrAnotherReleaseAreChangesForTheHelper() throws IOException {
    converged();
    mode(base.resolve("data/cl"), "rwxr-xr-x");
    Files.writeString(release.resolve("genesis.json"), "{}");
    Files.delete(base.resolve("jwt.hex"));
    HostFiles files = new HostFiles(plan(), release);

    List<Change> changes = files.diff(files.probeLocal().orElseThrow(), files.releaseHashOrNull());

    assertThat(changes)
        .extracting(Change::action, Change::object)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("update", base.resolve("data/cl").toString()),
            org.assertj.core.groups.Tuple.tuple("create", base.resolve("jwt.hex").toString()),
            org.assertj.core.groups.Tuple.tuple("replace", base.resolve("testnet").toString()));
  }

  @Test
  void aReleaseTheResetInstalledIsCurrentForUp() throws IOException {
    converged();
    Files.writeString(
        release.resolve("config.yaml"), "CONFIG_NAME: testnet\nGENESIS_FORK_VERSION: 0x1000101b\n");
    Path testnet = base.resolve("testnet");
    new TestnetInstaller(new NodeLayout("n1", base, testnet, false, List.of()))
        .install(release, 153, 153, FaultInjector.NONE);
    HostFiles files = new HostFiles(plan(), release);

    assertThat(testnet.resolve(PrysmChainConfig.FILE)).exists();
    assertThat(files.diff(files.probeLocal().orElseThrow(), files.releaseHashOrNull())).isEmpty();
  }

  @Test
  void upsCopyOfTheReleaseCarriesTheDerivedFilesAndTheirDigest() throws IOException {
    Files.writeString(release.resolve("config.yaml"), "GENESIS_FORK_VERSION: 0x1000101b\n");
    HostFiles files = new HostFiles(plan(), release);
    String hash = files.releaseHashOrNull();
    Map<String, String> entries = new TreeMap<>();
    for (HostFiles.Entry entry : files.releaseEntries(hash)) {
      entries.put("release/" + entry.name(), new String(entry.content(), StandardCharsets.UTF_8));
    }
    assertThat(entries)
        .containsOnlyKeys(
            "release/config.yaml",
            "release/" + PrysmChainConfig.FILE,
            "release/" + ReleaseMarker.FILE)
        .containsEntry(
            "release/" + PrysmChainConfig.FILE,
            PrysmChainConfig.derive("GENESIS_FORK_VERSION: 0x1000101b\n"))
        .containsEntry("release/" + ReleaseMarker.FILE, hash + "\n");
    // The digest covers the derived file: a change in the derivation is a change for up.
    assertThat(hash).isEqualTo(ReleaseMarker.digest(release));
  }

  @Test
  void aJwtSecretThatIsNotHexIsSeenAsInvalid() throws IOException {
    converged();
    Files.writeString(base.resolve("jwt.hex"), "not a secret");

    List<HostFiles.Observed> seen = new HostFiles(plan(), release).probeLocal().orElseThrow();

    assertThat(seen.get(2).extra()).isEqualTo("invalid");
  }

  @Test
  void aSymlinkBelowBaseDirLeavesTheProbeToTheHelper() throws IOException {
    converged();
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere/cl"));
    Files.delete(base.resolve("data/cl"));
    Files.createSymbolicLink(base.resolve("data/cl"), elsewhere);

    assertThat(new HostFiles(plan(), release).probeLocal()).isEmpty();
  }
}
