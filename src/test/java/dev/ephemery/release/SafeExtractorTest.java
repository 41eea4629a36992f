package dev.ephemery.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.release.ArchiveRejectedException.Reason;
import dev.ephemery.testing.ReleaseFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeExtractorTest {

  static final SafeExtractor.Limits SMALL = new SafeExtractor.Limits(4096, 10_000, 20);

  @TempDir Path temp;

  /** One entry of a test archive. */
  record E(String name, byte type, String linkName, int size) {
    static E file(String name, int size) {
      return new E(name, TarConstants.LF_NORMAL, null, size);
    }

    static E file(String name) {
      return file(name, 16);
    }
  }

  interface Archive {
    byte[] bytes() throws IOException;
  }

  static byte[] tar(E... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (E e : entries) {
        TarArchiveEntry entry =
            e.type() == TarConstants.LF_NORMAL
                ? new TarArchiveEntry(e.name(), true)
                : new TarArchiveEntry(e.name(), e.type(), true);
        if (e.linkName() != null) {
          entry.setLinkName(e.linkName());
        }
        if (e.type() == TarConstants.LF_NORMAL) {
          entry.setSize(e.size());
        }
        tar.putArchiveEntry(entry);
        if (e.type() == TarConstants.LF_NORMAL) {
          tar.write(new byte[e.size()]);
        }
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  static Stream<Arguments> hostileArchives() {
    return Stream.of(
        hostile("absolute path", Reason.ABSOLUTE_PATH, () -> tar(E.file("/tmp/ephemery-evil.txt"))),
        hostile("windows drive path", Reason.ABSOLUTE_PATH, () -> tar(E.file("C:/evil.txt"))),
        hostile("parent traversal", Reason.PATH_TRAVERSAL, () -> tar(E.file("../escape.txt"))),
        hostile(
            "traversal after a valid file",
            Reason.PATH_TRAVERSAL,
            () -> tar(E.file("config.yaml"), E.file("sub/../../escape.txt"))),
        hostile("backslash name", Reason.BAD_NAME, () -> tar(E.file("..\\escape.txt"))),
        hostile(
            "symlink to a system file",
            Reason.SYMLINK,
            () -> tar(new E("config.yaml", TarConstants.LF_SYMLINK, "/etc/passwd", 0))),
        hostile(
            "symlinked folder then a file through it",
            Reason.SYMLINK,
            () -> tar(new E("dir", TarConstants.LF_SYMLINK, "..", 0), E.file("dir/escape.txt"))),
        hostile(
            "hard link",
            Reason.HARD_LINK,
            () -> tar(new E("genesis.json", TarConstants.LF_LINK, "/etc/shadow", 0))),
        hostile(
            "character device",
            Reason.SPECIAL_FILE,
            () -> tar(new E("null", TarConstants.LF_CHR, null, 0))),
        hostile(
            "block device",
            Reason.SPECIAL_FILE,
            () -> tar(new E("sda", TarConstants.LF_BLK, null, 0))),
        hostile(
            "fifo", Reason.SPECIAL_FILE, () -> tar(new E("pipe", TarConstants.LF_FIFO, null, 0))),
        hostile(
            "entry over the size limit (compresses to almost nothing)",
            Reason.ENTRY_TOO_LARGE,
            () -> tar(E.file("genesis.ssz", 64 * 1024))),
        hostile(
            "total over the limit",
            Reason.ARCHIVE_TOO_LARGE,
            () -> tar(E.file("a", 4000), E.file("b", 4000), E.file("c", 4000))),
        hostile(
            "too many entries",
            Reason.TOO_MANY_ENTRIES,
            () ->
                tar(
                    java.util.stream.IntStream.range(0, 25)
                        .mapToObj(i -> E.file("f" + i, 1))
                        .toArray(E[]::new))),
        hostile(
            "the same path twice",
            Reason.DUPLICATE_ENTRY,
            () -> tar(E.file("config.yaml"), E.file("./config.yaml"))),
        hostile(
            "not gzip at all",
            Reason.CORRUPT,
            () -> "<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8)),
        hostile(
            "truncated download",
            Reason.CORRUPT,
            () -> {
              byte[] random = new byte[3000];
              new java.util.Random(7).nextBytes(random);
              byte[] whole =
                  ReleaseFixtures.tarGzBytes(
                      dev.ephemery.network.ReleaseFiles.of(
                          java.util.Map.of("genesis.ssz", random)));
              return Arrays.copyOf(whole, whole.length / 2);
            }));
  }

  static Arguments hostile(String description, Reason reason, Archive archive) {
    return Arguments.of(description, reason, archive);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileArchives")
  void refusesHostileArchiveAndLeavesNothingBehind(
      String description, Reason reason, Archive archive) throws Exception {
    Path outer = Files.createDirectories(temp.resolve("outer"));
    Path sentinel = Files.writeString(outer.resolve("sentinel"), "keep");
    Path archiveFile = Files.write(temp.resolve("archive.tar.gz"), archive.bytes());
    Path target = outer.resolve("target");
    List<Path> before = listAll(temp);

    assertThatThrownBy(() -> new SafeExtractor(SMALL).extract(archiveFile, target))
        .isInstanceOfSatisfying(
            ArchiveRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).startsWith(reason.code());
            });

    assertThat(target).doesNotExist();
    assertThat(listAll(temp)).isEqualTo(before);
    assertThat(sentinel).hasContent("keep");
    assertThat(Path.of("/tmp/ephemery-evil.txt")).doesNotExist();
  }

  @Test
  void extractsAReleaseWithItsFolders() throws Exception {
    Path archive =
        ReleaseFixtures.writeTarGz(
            ReleaseFixtures.release153(), temp.resolve("testnet-all.tar.gz"));
    Path target = temp.resolve("out");

    long bytes = new SafeExtractor().extract(archive, target);

    assertThat(target.resolve("config.yaml")).exists();
    assertThat(target.resolve("bootnode-keys/bootnode_eph1.enr")).exists();
    assertThat(Files.size(target.resolve("genesis.ssz")))
        .isEqualTo(ReleaseFixtures.GENESIS_SSZ_SIZE);
    assertThat(bytes).isGreaterThan(100_000);
  }

  @Test
  void acceptsDotSlashNamesAndFolderEntries() throws Exception {
    Path archive =
        Files.write(
            temp.resolve("a.tar.gz"),
            tar(
                new E("./", TarConstants.LF_DIR, null, 0),
                new E("./sub/", TarConstants.LF_DIR, null, 0),
                E.file("./sub/x.txt", 3)));
    Path target = temp.resolve("out");
    new SafeExtractor(SMALL).extract(archive, target);
    assertThat(target.resolve("sub/x.txt")).hasSize(3);
  }

  @Test
  void refusesATargetThatAlreadyExists() throws Exception {
    Path archive = Files.write(temp.resolve("a.tar.gz"), tar(E.file("x")));
    Path target = Files.createDirectories(temp.resolve("out"));
    Files.writeString(target.resolve("mine"), "data");
    assertThatThrownBy(() -> new SafeExtractor(SMALL).extract(archive, target))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(target.resolve("mine")).hasContent("data");
  }

  private static List<Path> listAll(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      return paths.sorted().toList();
    }
  }
}
