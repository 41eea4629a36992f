package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PlannedPath.Kind;
import dev.ephemery.runtime.Change;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file work done on this machine leaves baseDir as the helper's does (the local probe then
 * finds nothing to change), and never writes outside it.
 */
class LocalFileWorkTest {

  @TempDir Path root;
  Path base;
  Path release;

  @BeforeEach
  void setUp() throws IOException {
    base = root.resolve("base");
    release = Files.createDirectories(root.resolve("release"));
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
            new PlannedPath(b, Kind.DIRECTORY, 0755, null),
            new PlannedPath(b + "/data/cl", Kind.DIRECTORY, 0700, null),
            new PlannedPath(b + "/secrets/jwt.hex", Kind.JWT_SECRET, 0600, null),
            new PlannedPath(b + "/testnet", Kind.RELEASE_FILES, 0755, null)),
        List.of());
  }

  LocalFileWork work() {
    return LocalFileWork.of(plan(), true, true, true).orElseThrow();
  }

  @Test
  void upFromNothingThroughThisMachineLeavesNothingForTheProbeToChange() throws IOException {
    HostFiles files = new HostFiles(plan(), release);
    List<HostFiles.Observed> before = files.probeLocal().orElseThrow();
    assertThat(files.diff(before, files.releaseHashOrNull())).isNotEmpty();

    files.apply(work(), before, files.releaseHashOrNull());

    List<HostFiles.Observed> after = files.probeLocal().orElseThrow();
    assertThat(files.diff(after, files.releaseHashOrNull())).isEmpty();
    assertThat(mode(base.resolve("secrets/jwt.hex"))).isEqualTo("rw-------");
    assertThat(mode(base.resolve("data/cl"))).isEqualTo("rwx------");
    assertThat(base.resolve("testnet/config.yaml")).hasContent("CONFIG_NAME: ephemery");
    assertThat(base.resolve(HostFiles.STAGING)).isEmptyDirectory();
  }

  @Test
  void theJwtSecretIsNeverReplaced() throws IOException {
    HostFiles files = new HostFiles(plan(), release);
    files.apply(work(), files.probeLocal().orElseThrow(), files.releaseHashOrNull());
    String secret = Files.readString(base.resolve("secrets/jwt.hex"));
    Files.delete(base.resolve("testnet/config.yaml"));
    Files.writeString(base.resolve("testnet/" + HostFiles.RELEASE_MARKER), "other\n");

    files.apply(work(), files.probeLocal().orElseThrow(), files.releaseHashOrNull());

    assertThat(base.resolve("secrets/jwt.hex")).hasContent(secret);
    assertThat(base.resolve("testnet/config.yaml")).exists();
  }

  @Test
  void syncedFilesAreReportedAtTheirHostPaths() throws IOException {
    Files.createDirectories(base.resolve("supervisor"));
    Path target = base.resolve("supervisor/inventory.yaml");
    HostFiles files = new HostFiles(plan(), release);
    HostFiles.Wanted wanted =
        new HostFiles.Wanted(target, "a: 1\n".getBytes(StandardCharsets.UTF_8), 0600, "file");

    List<Change> created = files.syncFiles(work(), List.of(wanted));
    List<Change> unchanged = files.syncFiles(work(), List.of(wanted));
    Files.writeString(target, "a: 2\n");
    List<Change> updated = files.syncFiles(work(), List.of(wanted));

    assertThat(created).containsExactly(new Change("create", "file", target.toString(), "missing"));
    assertThat(unchanged).isEmpty();
    assertThat(updated)
        .containsExactly(new Change("update", "file", target.toString(), "content differs"));
    assertThat(target).hasContent("a: 1");
    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void anArchiveEntryThatLeavesTheFolderIsRefusedAndNothingIsWrittenOutside() throws IOException {
    Files.createDirectories(base);

    assertThatThrownBy(() -> work().untar(tar("../escaped", "x"), base.toString()))
        .hasMessageContaining("leaves");
    assertThat(root.resolve("escaped")).doesNotExist();
  }

  @Test
  void noLocalWorkWithoutALocalDaemonPathsSeenOrRoot() {
    assertThat(LocalFileWork.of(plan(), false, true, true)).isEmpty();
    assertThat(LocalFileWork.of(plan(), true, false, true)).isEmpty();
    assertThat(LocalFileWork.of(plan(), true, true, false)).isEmpty();
    assertThat(LocalFileWork.of(plan(), true, true, true)).isPresent();
  }

  @Test
  void aLinkBelowBaseDirKeepsTheWorkInTheHelper() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.createDirectories(base);
    Files.createSymbolicLink(base.resolve(HostFiles.STAGING), outside);
    assertThat(LocalFileWork.of(plan(), true, true, true))
        .as("the staging folder is a link")
        .isEmpty();

    Files.delete(base.resolve(HostFiles.STAGING));
    Files.createSymbolicLink(base.resolve("monitoring"), outside);
    assertThat(work().reaches(base.resolve("monitoring/prometheus.yml"))).isFalse();
    assertThat(work().reaches(base.resolve("supervisor/inventory.yaml"))).isTrue();
  }

  @Test
  void aFailingScriptFailsWithItsErrorOutput() {
    assertThat(work().sh("echo out; exit 3").exitCode()).isEqualTo(3);
    assertThatThrownBy(() -> work().shOrFail("probing", "echo no space >&2; exit 1"))
        .hasMessageContaining("probing failed on the host (exit 1): no space");
  }

  @Test
  void rootIsReadFromTheKernel() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(LocalFileWork.ProcessUser.isRoot()).isEqualTo(uid.equals("0"));
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static ByteArrayInputStream tar(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
